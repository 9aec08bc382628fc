import Foundation
import Logging
import PartnerAuditCore
import Testing
@testable import Rules
import Warehouse

@Suite("An organisation-wide setting is one finding, not one per client")
struct OrganizationWideFindingTests {
    /// The live platform's one allowlist: a /12 the policy's /24 limit rejects, and a private /16 (too broad as well).
    private static let organizationList = ["34.10.0.0/24", "47.176.0.0/12", "10.20.0.0/16"]

    /// Three ACME apps bound by the organisation's list; one guide-style app with its own list holding the same /12.
    private func organisation(_ fixture: RuleFixture) {
        for (id, environment) in [("c1", "Prod"), ("c2", "Prod"), ("c3", "Staging")] {
            fixture.client(id, name: "Partner-Integration-\(environment)-Acme", allowlist: Self.organizationList, organizationWideAllowlist: true)
        }
        fixture.client("own", name: "Partner-Integration-Prod-Globex", allowlist: ["47.176.0.0/12"])
    }

    private func engine(_ fixture: RuleFixture) throws -> RuleEngine {
        RuleEngine(warehouse: fixture.warehouse, policy: fixture.policy, catalog: try ScopeCatalog.load(),
                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test("The organisation's broad entry is one AL-2 with no client, listing and counting every client it binds; a client's own list keeps its own finding")
    func oneBroadEntryFinding() async throws {
        let fixture = try RuleFixture()
        organisation(fixture)
        let findings = try await fixture.findings(rule: "AL-2").filter { $0.subject == "47.176.0.0/12" }
        #expect(findings.count == 2)

        let shared = try #require(findings.first { $0.isOrganizationWide })
        #expect(shared.clientName.isEmpty && shared.partner.isEmpty && shared.environment.isEmpty)
        #expect(shared.fingerprint == Fingerprint.of(ruleID: "AL-2", clientID: "", subject: "47.176.0.0/12"))
        #expect(shared.evidence.affectedClients.map(\.id) == ["c1", "c2", "c3"])
        #expect(shared.evidence.affectedClients.map(\.environment) == ["prod", "prod", "staging"])
        #expect(shared.evidence.counts["affectedClients"] == 3)
        #expect(shared.detail.contains("organisation-wide allowlist, which binds 3 clients"))
        #expect(shared.concerns(clientID: "c2") && !shared.concerns(clientID: "own"))

        let own = try #require(findings.first { !$0.isOrganizationWide })
        #expect(own.clientID == "own" && own.evidence.affectedClients.isEmpty)
    }

    @Test("An empty organisation-wide list is one AL-1 over the active apps; a private organisation entry one AL-3")
    func missingAndPrivate() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", allowlist: [], organizationWideAllowlist: true)
        fixture.client("c2", allowlist: [], organizationWideAllowlist: true)
        fixture.client("gone", allowlist: [], state: "inactive", organizationWideAllowlist: true)
        let missing = try await fixture.findings(rule: "AL-1")
        #expect(missing.count == 1)
        #expect(missing.first?.isOrganizationWide == true)
        #expect(missing.first?.evidence.affectedClients.map(\.id) == ["c1", "c2"])

        let privateEntry = try RuleFixture()
        organisation(privateEntry)
        let reserved = try await privateEntry.findings(rule: "AL-3")
        #expect(reserved.map(\.subject) == ["10.20.0.0/16"])
        #expect(reserved.first?.evidence.affectedClients.count == 3)
    }

    @Test("One waiver on the rule and subject covers the organisation-wide finding; a waiver limited to one client does not")
    func oneWaiver() async throws {
        let waived = try RuleFixture(policy: try policy(waiving: "subject: 47.176.0.0/12"))
        organisation(waived)
        let covered = try #require(try await waived.findings(rule: "AL-2").first { $0.isOrganizationWide && $0.subject == "47.176.0.0/12" })
        #expect(covered.status == .waived)
        #expect(covered.waiver?.justification == "Gateway egress range, CHG-7")

        let limited = try RuleFixture(policy: try policy(waiving: "clientId: c1\n    subject: 47.176.0.0/12"))
        organisation(limited)
        let uncovered = try #require(try await limited.findings(rule: "AL-2").first { $0.isOrganizationWide && $0.subject == "47.176.0.0/12" })
        #expect(uncovered.status == .open && uncovered.waiver == nil)
    }

    @Test("Per-client findings an earlier version stored resolve once, folded into the organisation-wide one with a note; it is new and open")
    func foldsEarlierFindings() async throws {
        let fixture = try RuleFixture()
        organisation(fixture)
        try await fixture.store()
        // What the previous version stored: one AL-2 per client for the organisation's /12.
        let earlier = ["c1", "c2", "c3"].map { client in
            Finding(fingerprint: Fingerprint.of(ruleID: "AL-2", clientID: client, subject: "47.176.0.0/12"), ruleID: "AL-2",
                    category: .allowlist, severity: .high, clientID: client, clientName: "Partner-Integration-Prod-Acme",
                    subject: "47.176.0.0/12", title: "Allowlist entry too broad", detail: "per client")
        }
        let before = RuleFixture.asOf - RuleFixture.day
        _ = try await fixture.warehouse.recordEvaluation(earlier, asOf: before, lookbackFrom: before - 90 * RuleFixture.day,
                                                         policyDigest: "old", startedAt: Date(), at: Date())

        let summary = try await engine(fixture).evaluate(asOf: RuleFixture.asOf, policyDigest: "new", startedAt: Date(), now: Date()).summary
        #expect(summary.folded == 3)
        #expect(summary.resolvedDescription == "3 resolved (3 folded into organisation-wide findings)")

        let stored = try await fixture.warehouse.findings()
        let shared = try #require(stored.first { $0.ruleID == "AL-2" && $0.isOrganizationWide && $0.subject == "47.176.0.0/12" })
        #expect(shared.status == .open && shared.firstSeen == Timestamp.format(milliseconds: RuleFixture.asOf))
        for old in earlier {
            let resolved = try #require(stored.first { $0.fingerprint == old.fingerprint })
            #expect(resolved.status == .resolved)
            #expect(resolved.resolutionNote?.contains("Folded into the organisation-wide finding \(shared.fingerprint)") == true)
            #expect(resolved.resolutionNote?.contains("among the 3 clients") == true)
        }
        // The client's own finding (a different list) is new; nothing folded into it.
        #expect(stored.first { $0.clientID == "own" && $0.ruleID == "AL-2" }?.resolutionNote == nil)

        // Found again the next night: nothing more resolves, and the folded ones keep their note.
        let again = try await engine(fixture).evaluate(asOf: RuleFixture.asOf + 3_600_000, policyDigest: "new", startedAt: Date(), now: Date()).summary
        #expect(again.resolved == 0 && again.folded == 0)
    }

    @Test("findings --client lists a client's own findings and the organisation-wide ones that affect it")
    func clientFilterIncludesOrganisationWide() async throws {
        let fixture = try RuleFixture()
        organisation(fixture)
        try await fixture.store()
        _ = try await engine(fixture).evaluate(asOf: RuleFixture.asOf, policyDigest: "p", startedAt: Date(), now: Date())
        var filter = FindingFilter()
        filter.clientID = "c2"
        let forC2 = try await fixture.warehouse.findings(filter)
        #expect(forC2.contains { $0.ruleID == "AL-2" && $0.isOrganizationWide })
        #expect(forC2.allSatisfy { $0.concerns(clientID: "c2") })
        filter.clientID = "own"
        let forOwn = try await fixture.warehouse.findings(filter)
        #expect(!forOwn.isEmpty && forOwn.allSatisfy { $0.clientID == "own" })
    }

    /// The standard policy with one AL-2 waiver, limited as `limits` says.
    private func policy(waiving limits: String) throws -> Policy {
        let yaml = """
            partners:
              - id: acme
                approvedScopes: [routing:queue:read]
                networks:
                  prod: [34.10.0.0/24]
                  staging: [34.20.0.0/24]
            waivers:
              - ruleId: AL-2
                \(limits)
                justification: Gateway egress range, CHG-7
                approvedBy: ciso@example.com
                expires: 2027-03-31
            """
        return try Policy(yaml: yaml, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
    }
}
