import Foundation
import Logging
import PartnerAuditCore
@testable import Rules
import Simulator
import Testing
import TestSupport
import Warehouse

@Suite("The simulator's organisation, extracted and evaluated")
struct SimulatedOrganizationTests {
    private static let missionCategories: Set<FindingCategory> = [.wildcardScope, .leastPrivilege, .allowlist, .environmentReuse]

    private func engine(_ fixture: SimulatorFixture, policy: Policy) throws -> RuleEngine {
        RuleEngine(warehouse: try fixture.warehouse(), policy: policy, catalog: try ScopeCatalog.load(), logger: fixture.logger)
    }

    private func policy(_ fixture: SimulatorFixture, extra: String = "") throws -> Policy {
        try Policy(yaml: fixture.organization.policyYAML + extra, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
    }

    /// Extracts everything visible now and evaluates as of now.
    private func extractAndEvaluate(_ fixture: SimulatorFixture, policy: Policy) async throws -> [Finding] {
        _ = try await fixture.extractor(warehouse: try fixture.warehouse()).run()
        let asOf = Timestamp.milliseconds(fixture.clock.now)
        return try await engine(fixture, policy: policy).evaluate(asOf: asOf, policyDigest: "test", startedAt: Date(), now: Date()).findings
    }

    @Test("Every planted misconfiguration yields its finding for the right client; clean apps yield none in the mission categories")
    func plantedAndClean() async throws {
        let fixture = try await SimulatorFixture(scale: 5_000, days: 90)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let findings = try await extractAndEvaluate(fixture, policy: try policy(fixture))

        for planted in fixture.organization.plantedMisconfigurations where planted.primary {
            let match = findings.first { $0.ruleID == planted.ruleId && $0.clientID == planted.clientId && $0.severity.rawValue == planted.severity }
            #expect(match != nil, "missing: \(planted)")
        }
        let clean = Set(fixture.organization.cleanClientIDs)
        #expect(!clean.isEmpty)
        let falsePositives = findings.filter { clean.contains($0.clientID) && Self.missionCategories.contains($0.category) }
        #expect(falsePositives.isEmpty, "\(falsePositives.map { "\($0.ruleID) \($0.clientName): \($0.detail)" })")
        let families = Set(findings.filter { $0.severity != .info }.map(\.category))
        #expect(families.isSuperset(of: [.wildcardScope, .leastPrivilege, .allowlist, .environmentReuse, .changeManagement, .anomaly]))
    }

    @Test("Fixing a planted problem resolves its finding (kept, not deleted); a waiver waives one; an expired waiver does not")
    func lifecycle() async throws {
        let fixture = try await SimulatorFixture(scale: 3_000, days: 90)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let planted = fixture.organization.plantedMisconfigurations
        let wildcard = try #require(planted.first { $0.ruleId == "WS-1" && $0.primary })
        let noAllowlist = try #require(planted.first { $0.ruleId == "AL-1" && $0.primary })
        let unrotated = try #require(planted.first { $0.ruleId == "LP-6" && $0.primary })
        let first = try await extractAndEvaluate(fixture, policy: try policy(fixture))
        let found = try #require(first.first { $0.ruleID == "WS-1" && $0.clientID == wildcard.clientId })
        let wildcardFinding = try #require(try await fixture.warehouse().findings().first { $0.fingerprint == found.fingerprint })
        #expect(wildcardFinding.status == .open)

        _ = fixture.organization.updateClient(id: wildcard.clientId) { $0.scopes.removeAll { $0.contains("*") } }
        fixture.clock.advance(by: .seconds(86_400))
        let waivers = """

            waivers:
              - ruleId: AL-1
                clientId: \(noAllowlist.clientId)
                justification: Partner egress moves weekly; tracked in CHG-1042
                approvedBy: ciso@example.com
                expires: 2099-12-31
              - ruleId: LP-6
                clientId: \(unrotated.clientId)
                justification: Rotation scheduled with the partner
                approvedBy: ciso@example.com
                expires: 2020-01-31
            """
        _ = try await extractAndEvaluate(fixture, policy: try policy(fixture, extra: waivers))
        let stored = try await fixture.warehouse().findings()

        let resolved = try #require(stored.first { $0.fingerprint == wildcardFinding.fingerprint })
        #expect(resolved.status == .resolved)
        #expect(resolved.resolvedAt == Timestamp.format(fixture.clock.now))
        #expect(resolved.firstSeen == wildcardFinding.firstSeen)

        let waived = try #require(stored.first { $0.ruleID == "AL-1" && $0.clientID == noAllowlist.clientId })
        #expect(waived.status == .waived)
        #expect(waived.waiver?.approvedBy == "ciso@example.com")

        let expired = try #require(stored.first { $0.ruleID == "LP-6" && $0.clientID == unrotated.clientId })
        #expect(expired.status == .open)
        #expect(expired.waiver?.expired == true)
        #expect(expired.detail.contains("has expired"))

        let stillOpen = try #require(stored.first { $0.ruleID == "AL-2" })
        #expect(stillOpen.status == .open)
        #expect(stillOpen.lastSeen == Timestamp.format(fixture.clock.now))
        #expect(stillOpen.firstSeen < stillOpen.lastSeen)
    }
}
