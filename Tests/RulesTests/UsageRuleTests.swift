import Foundation
import GRDB
import PartnerAuditCore
@testable import Rules
import Simulator
import Testing
import TestSupport
import Warehouse

@Suite("Rules on the live platform's API usage rows")
struct UsageRuleTests {

    /// `rule client subject` lines, a grant subject in the live vocabulary.
    private func line(_ rule: String, _ client: String, _ subject: String?) -> String {
        let grant = rule == "LP-2" ? subject.map(LivePermissions.permission(forScope:)) : nil
        return "\(rule) \(client) \(grant ?? "")"
    }

    @Test("LP-2, LP-5 and AN-2 fire from usage exactly where the simulator planted them, and nowhere else")
    func usageRulesFireWherePlanted() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 90, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        let findings = try await fixture.extractAndEvaluate()
        let rules: Set<String> = ["LP-2", "LP-5", "AN-2"]
        let expected = Set(fixture.organization.plantedMisconfigurations.filter { rules.contains($0.ruleId) }
            .map { line($0.ruleId, $0.clientId, $0.subject) })
        let found = Set(findings.filter { rules.contains($0.ruleID) && $0.severity != .info }
            .map { "\($0.ruleID) \($0.clientID) \($0.ruleID == "LP-2" ? $0.subject : "")" })
        #expect(expected.count >= 4)
        #expect(found == expected, "missing: \(expected.subtracting(found).sorted()); unexpected: \(found.subtracting(expected).sorted())")
        #expect(!findings.contains { rules.contains($0.ruleID) && $0.subject == "not-testable" })

        let throttled = try #require(findings.first { $0.ruleID == "AN-2" })
        #expect(throttled.evidence.counts["days"].map { $0 >= AnomalyRules.persistentDays } == true)
    }

    @Test("A day of 4xx answers in the usage rows is a coarse AN-1 finding that says 401, 403 and 404 are not told apart")
    func clientErrorDayIsCoarse() async throws {
        var facts = EvaluationFacts()
        facts.usageClientErrorDays = ["c1": [BucketCount(clientID: "c1", bucket: "2026-09-29", count: 40)]]
        let lookback = TimeWindow(fromMillis: RuleFixture.asOf - 30 * RuleFixture.day, toMillis: RuleFixture.asOf)
        let context = EvaluationContext(asOf: RuleFixture.asOf, lookback: lookback, policy: Policy(), catalog: .none, clients: [],
                                        facts: facts, warehouse: try Warehouse(database: DatabaseQueue()))
        let hits = try await AnomalyRules.DenialBurst().evaluate(context)
        let hit = try #require(hits.first)
        #expect(hit.detail.contains("does not tell 401, 403 and 404 apart"))
        #expect(hit.detail.contains("40 4xx answers on 2026-09-29"))
    }

    @Test("Usage counts raised behind the tool's back past what an Int holds in sum are totalled at Int.max, not a trap")
    func raisedCountsSaturate() async throws {
        let huge = 1 << 62
        var facts = EvaluationFacts()
        let days = (1...4).map { BucketCount(clientID: "c1", bucket: "2026-09-2\($0)", count: huge) }
        facts.usageClientErrorDays = ["c1": days]
        facts.rateLimitedDays = ["c1": days]
        let lookback = TimeWindow(fromMillis: RuleFixture.asOf - 30 * RuleFixture.day, toMillis: RuleFixture.asOf)
        let context = EvaluationContext(asOf: RuleFixture.asOf, lookback: lookback, policy: Policy(), catalog: .none, clients: [],
                                        facts: facts, warehouse: try Warehouse(database: DatabaseQueue()))
        let burst = try #require(try await AnomalyRules.DenialBurst().evaluate(context).first)
        #expect(burst.evidence.counts["clientErrors"] == Int.max)
        let limited = try #require(try await AnomalyRules.RateLimited().evaluate(context).first)
        #expect(limited.evidence.counts["rateLimited"] == Int.max)
        #expect([huge, huge, 1].saturatingSum { $0 } == Int.max)
        #expect(huge.addingSaturated(huge) == Int.max && (-huge).addingSaturated(-huge - huge) == Int.min)
    }

    @Test("Through the platform's map, ALL marks every listed permission used and ANY only the first the client holds")
    func anyAndAllSemantics() throws {
        let catalog = try ScopeCatalog.load()
        #expect(catalog.platform.count == 3_180)
        let members = try #require(catalog.platform.requirement(method: "GET", template: "/api/v2/routing/queues/{queueId}/members"))
        #expect(members.permissions == .any(["routing:queue:view", "routing:queue:edit", "routing:queue:readonly", "routing:queueMember:manage"]))
        #expect(members.scopes == ["routing", "routing:readonly"])
        let collector = FactsCollector(catalog: catalog)
        collector.add(EndpointUsage(clientID: "c1", templateURI: "api/v2/routing/queues/{queueId}/members", method: "GET", requests: 3))
        collector.add(EndpointUsage(clientID: "c1", templateURI: "api/v2/alerting/alerts/all", method: "DELETE", requests: 1))
        collector.add(EndpointUsage(clientID: "c1", templateURI: "api/v2/nothing/here", method: "GET", requests: 2))
        let facts = collector.facts
        let used = facts.usedGrants(of: "c1", granted: ["routing:queue:edit", "routing:queue:view", "alerting:alert:edit", "users:read"])
        #expect(used.isSuperset(of: ["routing:queue:view", "alerting:alert:edit"]))
        #expect(!used.contains("routing:queue:edit"), "ANY: the first listed permission the client holds suffices")
        #expect(facts.usedGrants(of: "c1", granted: ["routing:queue:edit"]).contains("routing:queue:edit"))
        #expect(facts.requestCounts["c1"] == 6)
        #expect(facts.unmappedCalls["c1"] == 2)
    }
}
