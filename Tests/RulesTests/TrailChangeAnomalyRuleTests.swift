import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Rules

@Suite("Audit-trail, change-management and anomaly rules")
struct TrailChangeAnomalyRuleTests {
    @Test("A stretch of the lookback never extracted is AT-1, named by its dates; full coverage is none")
    func coverageGap() async throws {
        let gappy = try RuleFixture()
        try await gappy.store(coverage: [(120, 40), (30, 0)])
        let findings = try await gappy.evaluate(rule: "AT-1")
        #expect(findings.count == 1)
        #expect(findings.first?.subject == "\(Timestamp.format(milliseconds: RuleFixture.asOf - 40 * RuleFixture.day))/\(Timestamp.format(milliseconds: RuleFixture.asOf - 30 * RuleFixture.day))")
        #expect(findings.first?.clientID == "")

        let complete = try RuleFixture()
        #expect(try await complete.findings(rule: "AT-1").isEmpty)
    }

    @Test("A row edited behind the tool's back is a critical AT-2")
    func brokenChain() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1")
        for minute in 1...5 { fixture.event("c1", minutesAgo: Int64(minute)) }
        try await fixture.store()
        let queue = try DatabaseQueue(path: fixture.folder.appendingPathComponent("warehouse.sqlite").path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER event_log_no_update; UPDATE event_log SET source_ip = '1.1.1.1' WHERE seq = 3")
        }
        #expect(try await fixture.evaluate(rule: "AT-2").map(\.severity) == [.critical])
    }

    @Test("A scope added inside the change window is a medium CM-1, outside it high; a scope removed is none")
    func grantWidened() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1")
        let added: JSONValue = .object(["scopes": .object(["old": .array([.string("a")]), "new": .array([.string("a"), .string("users:write")])])])
        let removed: JSONValue = .object(["scopes": .object(["old": .array([.string("a"), .string("b")]), "new": .array([.string("a")])])])
        // 2026-09-26 was a Saturday: 03:00 is inside the window; 2026-09-29 (Tuesday) is outside.
        let saturday3am = (RuleFixture.asOf - Timestamp.parseMilliseconds("2026-09-26T03:00:00Z")!) / 60_000
        let tuesdayNoon = (RuleFixture.asOf - Timestamp.parseMilliseconds("2026-09-29T12:00:00Z")!) / 60_000
        fixture.event("admin@example.com", minutesAgo: saturday3am, action: "oauthclient.update", actorType: "user", resourceID: "c1", changes: added)
        fixture.event("admin@example.com", minutesAgo: tuesdayNoon, action: "oauthclient.update", actorType: "user", resourceID: "c1", changes: added)
        fixture.event("admin@example.com", minutesAgo: 60, action: "oauthclient.update", actorType: "user", resourceID: "c1", changes: removed)
        let findings = try await fixture.findings(rule: "CM-1").sorted { $0.evidence.events[0].timestamp < $1.evidence.events[0].timestamp }
        #expect(findings.map(\.severity) == [.medium, .high])
        #expect(findings.allSatisfy { $0.detail.contains("admin@example.com") && $0.detail.contains("users:write") })
    }

    @Test("20 denials in one hour is an AN-1 burst; 19 is not")
    func denialBurst() async throws {
        let fixture = try RuleFixture()
        fixture.client("noisy")
        fixture.client("quiet")
        for i in 0..<20 { fixture.event("noisy", minutesAgo: 620 + Int64(i), action: "oauth.token.denied", outcome: "denied", ip: "9.9.9.9") }
        for i in 0..<19 { fixture.event("quiet", minutesAgo: 620 + Int64(i), action: "oauth.token.denied", outcome: "denied", ip: "9.9.9.9") }
        let findings = try await fixture.findings(rule: "AN-1")
        #expect(findings.map(\.clientID) == ["noisy"])
        #expect(findings.first?.evidence.events.count == 20)
    }

    @Test("A client answered 429 at the daily threshold on 3 days is AN-2; on 2 days, or just under it, is not")
    func rateLimited() async throws {
        let fixture = try RuleFixture()
        for client in ["greedy", "bursty", "polite"] { fixture.client(client) }
        let threshold = fixture.policy.anomaly.rateLimitedPerDay
        func throttle(_ client: String, days: Int, calls: Int) {
            for day in 1...days { for i in 0..<calls { fixture.event(client, minutesAgo: Int64(day * 1440 + 600 + i), status: 429) } }
        }
        throttle("greedy", days: 3, calls: threshold)
        throttle("bursty", days: 2, calls: threshold * 10)
        throttle("polite", days: 5, calls: threshold - 1)
        #expect(try await fixture.findings(rule: "AN-2").map(\.clientID) == ["greedy"])
    }
}
