import Foundation
import PartnerAuditCore
@testable import Rules
import Simulator
import Testing
import TestSupport
import Warehouse

@Suite("One organisation through either dialect")
struct LiveDialectTests {
    private static let missionCategories: Set<FindingCategory> = [.wildcardScope, .leastPrivilege, .allowlist, .environmentReuse]
    /// The rules whose subject is a grant: a scope in the guide dialect, a permission in the live one.
    private static let grantSubjects: Set<String> = ["LP-1", "LP-2", "WS-1", "WS-2"]


    /// A finding as comparable lines, its grant subject in the live vocabulary: one line per
    /// client, an organisation-wide finding one for each client it affects.
    private func lines(_ finding: Finding) -> [String] {
        // A grant subject is one scope or permission; a role granted in every division is named as it is.
        let isGrant = Self.grantSubjects.contains(finding.ruleID) && !finding.subject.contains(" ")
        let subject = isGrant ? LivePermissions.permission(forScope: finding.subject) : finding.subject
        let clients = finding.isOrganizationWide ? finding.evidence.affectedClients.map(\.id) : [finding.clientID]
        return clients.map { "\(finding.ruleID) \($0) \(subject) \(finding.severity.rawValue)" }
    }

    @Test("One seeded organisation through both dialects: the live log is the guide's without its API requests; the same clients; the same grant and allowlist findings but the planted every-division role; traffic findings only from what the live log holds")
    func sameOrganisationEitherDialect() async throws {
        let guide = try await SimulatorFixture(scale: 4_000, days: 30, dialect: .guide, organizationWideAllowlist: true)
        defer { Task { await guide.tearDown() } }
        let live = try await SimulatorFixture(scale: 4_000, days: 30, dialect: .live)
        defer { Task { await live.tearDown() } }
        let guideFindings = try await guide.extractAndEvaluate()
        let liveFindings = try await live.extractAndEvaluate()

        // The live platform has no per-request audit record: every other event is the same event.
        let guideEvents = try await guide.warehouse().eventIDs()
        let guideAudited = try ReadOnlyQuery.run("SELECT id FROM event_log WHERE action != 'api.request'", warehouse: guide.warehousePath)
            .rows.compactMap(\.first).compactMap { $0 }
        #expect(guideEvents.count > 4_000 && guideAudited.count > 500 && guideAudited.count < guideEvents.count / 2)
        #expect(Set(guideAudited) == Set(try await live.warehouse().eventIDs()))

        let guideClients = try await guide.warehouse().clients(asOf: Timestamp.milliseconds(guide.clock.now))
        let liveClients = try await live.warehouse().clients(asOf: Timestamp.milliseconds(live.clock.now))
        #expect(guideClients.map(\.id) == liveClients.map(\.id))
        for (byGuide, byLive) in zip(guideClients, liveClients) {
            #expect(byGuide.name == byLive.name)
            #expect(byGuide.state == byLive.state)
            #expect(byGuide.grantType == byLive.grantType)
            #expect(byGuide.ipAllowlist == byLive.ipAllowlist)
            #expect(byLive.ipAllowlistScope == .organization)
            let expectedGrants = byGuide.grantType == "client_credentials" ? byGuide.scopes.map(LivePermissions.permission(forScope:)) : byGuide.scopes
            #expect(Set(expectedGrants) == Set(byLive.scopes), "\(byGuide.name)")
        }

        // The rule the live platform cannot test (no allowAccessToAllUsers) says so; LP-2, AN-1 and AN-2 read the usage rows.
        let notTestable = Set(liveFindings.filter { $0.subject == "not-testable" }.map(\.ruleID))
        #expect(notTestable == ["LP-3"], "LP-2, AN-1 and AN-2 read the API usage rows")
        #expect(liveFindings.filter { $0.subject == "not-testable" }.allSatisfy { $0.severity == .info && $0.title.hasPrefix("Not testable: ") })
        // Grants and allowlists are the client records, the same in both dialects; the live one adds the role granted in every division.
        let everyDivision = try #require(live.organization.everyDivisionClientID)
        let configuration: Set<FindingCategory> = [.wildcardScope, .leastPrivilege, .allowlist]
        let trafficRules: Set<String> = ["AL-4", "LP-5"]
        let mission = { (findings: [Finding], categories: Set<FindingCategory>, traffic: Bool) in
            findings.filter { categories.contains($0.category) && !notTestable.contains($0.ruleID) && trafficRules.contains($0.ruleID) == traffic }.flatMap(lines)
        }
        let fromGuide = Set(mission(guideFindings, configuration, false))
        let fromLive = Set(mission(liveFindings, configuration, false))
        #expect(fromGuide.count > 20)
        let divisionClient = try #require(live.organization.clients.first { $0.id == everyDivision })
        let divisionRole = try #require(live.organization.liveRoleID(of: divisionClient))
        #expect(fromLive.subtracting(fromGuide) == ["WS-1 \(everyDivision) role \(divisionRole) in division * high"])
        #expect(fromGuide.subtracting(fromLive).isEmpty)
        // Findings read from traffic see in the live dialect only what its log holds (token requests), so never more than the guide's.
        let liveTraffic = Set(mission(liveFindings, configuration.union([.environmentReuse]), true) + mission(liveFindings, [.environmentReuse], false))
        let guideTraffic = Set(mission(guideFindings, configuration.union([.environmentReuse]), true) + mission(guideFindings, [.environmentReuse], false))
        #expect(liveTraffic.isSubset(of: guideTraffic), "\(liveTraffic.subtracting(guideTraffic))")
        // The guide's per-client lists give one AL-2 per client; the live platform's one list, one AL-2 listing them all.
        let guideBroad = guideFindings.filter { $0.ruleID == "AL-2" }, liveBroad = liveFindings.filter { $0.ruleID == "AL-2" }
        #expect(guideBroad.count > 20 && guideBroad.allSatisfy { !$0.isOrganizationWide })
        #expect(liveBroad.count == 1)
        #expect(liveBroad.first?.evidence.affectedClients.count == guideBroad.count)
        #expect(Set(guideFindings.filter { Self.missionCategories.contains($0.category) }.map(\.category)) == Self.missionCategories)
    }

    @Test("A role granting entityName * is a WS-1 finding on the client holding it; role permissions are the client's history")
    func roleWildcardAndHistory() async throws {
        let fixture = try await SimulatorFixture(scale: 3_000, days: 30, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        let findings = try await fixture.extractAndEvaluate()
        let planted = try #require(fixture.organization.plantedMisconfigurations.first { $0.ruleId == "WS-1" && $0.subject == "routing:*" })

        let wildcard = try #require(findings.first { $0.ruleID == "WS-1" && $0.clientID == planted.clientId })
        #expect(wildcard.subject == "routing:*:*")
        #expect(wildcard.severity == .high)

        let history = try ReadOnlyQuery.run(
            "SELECT scopes_json, ip_allowlist_scope FROM client_history WHERE id = '\(planted.clientId)'", warehouse: fixture.warehousePath)
        #expect(history.rows.first?[0]?.contains("\"routing:*:*\"") == true)
        #expect(history.rows.first?[1] == "organization")
        let clean = try #require(fixture.organization.cleanClientIDs.first)
        let cleanGrants = try ReadOnlyQuery.run("SELECT scopes_json FROM client_history WHERE id = '\(clean)'", warehouse: fixture.warehousePath)
        #expect(cleanGrants.rows.first?[0]?.contains(":view\"") == true)

        let allowlist = try #require(findings.first { $0.ruleID == "AL-2" })
        #expect(allowlist.detail.contains("organisation-wide allowlist"))
    }
}
