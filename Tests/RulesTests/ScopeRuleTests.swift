import Foundation
import PartnerAuditCore
import Testing
@testable import Rules

@Suite("Wildcard-scope and least-privilege rules")
struct ScopeRuleTests {
    @Test("A bare * scope is a critical WS-1 finding; routing:* is high; a plain scope is none")
    func wildcardScopes() async throws {
        let fixture = try RuleFixture()
        fixture.client("bare", scopes: ["*"])
        fixture.client("domain", scopes: ["routing:*"])
        fixture.client("plain", scopes: ["routing:queue:read"])
        let findings = try await fixture.findings(rule: "WS-1")
        #expect(findings.first { $0.clientID == "bare" }?.severity == .critical)
        #expect(findings.first { $0.clientID == "domain" }?.severity == .high)
        #expect(!findings.contains { $0.clientID == "plain" })
        #expect(findings.first?.controls == ["SOC2:CC6.1", "SOC2:CC6.3", "HIPAA:164.308(a)(4)(ii)(B)", "HIPAA:164.312(a)(1)"])
    }

    @Test("A misspelt scope is WS-2 drift; a known one is not")
    func scopeDrift() async throws {
        let fixture = try RuleFixture()
        fixture.client("typo", scopes: ["routing:queue:raed"])
        fixture.client("known", scopes: ["recording:read"])
        let findings = try await fixture.findings(rule: "WS-2")
        #expect(findings.map(\.clientID) == ["typo"])
        #expect(findings.first?.subject == "routing:queue:raed")
    }

    @Test("An unapproved write scope is a high LP-1, an unapproved read scope medium, an approved one none")
    func unapprovedScopes() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", scopes: ["routing:queue:read", "users:write", "recording:read"])
        let findings = try await fixture.findings(rule: "LP-1")
        #expect(findings.first { $0.subject == "users:write" }?.severity == .high)
        #expect(findings.first { $0.subject == "recording:read" }?.severity == .medium)
        #expect(!findings.contains { $0.subject == "routing:queue:read" })
    }

    @Test("Without a policy file, LP-1 says it cannot decide instead of passing silently")
    func noPolicyMeansInfo() async throws {
        let fixture = try RuleFixture(policy: Policy())
        fixture.client("c1", scopes: ["users:write"])
        let findings = try await fixture.findings(rule: "LP-1")
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .info)
        #expect(findings.first?.title.hasPrefix("Cannot decide") == true)
    }

    @Test("The used scope passes LP-2 and the unused one fails; a recorded scope wins over the endpoint map")
    func unusedScopes() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", scopes: ["routing:queue:read", "users:read", "analytics:report:read"])
        fixture.event("c1", minutesAgo: 600, path: "/api/v2/routing/queues/q-17/members")
        fixture.event("c1", minutesAgo: 500, path: "/api/v2/conversations/abc", scope: "analytics:report:read")
        let findings = try await fixture.findings(rule: "LP-2")
        #expect(Set(findings.map(\.subject)) == ["users:read"])
        #expect(findings.first?.severity == .low)
        #expect(findings.first?.evidence.counts["requests"] == 2)
    }

    @Test("LP-2 with no calls at all is an info finding, not a silent pass")
    func unusedWithoutData() async throws {
        let fixture = try RuleFixture()
        fixture.client("quiet", scopes: ["users:read"])
        #expect(try await fixture.findings(rule: "LP-2").map(\.severity) == [.info])
    }

    @Test("allowAccessToAllUsers is LP-3; a private or code-grant partner app is LP-4")
    func accessShape() async throws {
        let fixture = try RuleFixture()
        fixture.client("everyone", allUsers: true)
        fixture.client("private", type: "private")
        fixture.client("code", grantType: "authorization_code")
        fixture.client("clean")
        let findings = try await fixture.findings()
        #expect(findings.filter { $0.ruleID == "LP-3" }.map(\.clientID) == ["everyone"])
        #expect(Set(findings.filter { $0.ruleID == "LP-4" }.map(\.clientID)) == ["private", "code"])
    }

    @Test("A client last active 61 days ago is dormant (LP-5); 59 days ago is not")
    func dormancy() async throws {
        let fixture = try RuleFixture()
        fixture.client("asleep")
        fixture.client("awake")
        fixture.event("asleep", minutesAgo: 61 * 1440)
        fixture.event("awake", minutesAgo: 59 * 1440)
        #expect(try await fixture.findings(rule: "LP-5").map(\.clientID) == ["asleep"])
    }

    @Test("A secret 91 days old is LP-6; 89 days is not; a recent rotation event wins over an old secretLastRotated")
    func secretAge() async throws {
        let fixture = try RuleFixture()
        fixture.client("old", secretRotated: -91)
        fixture.client("fresh", secretRotated: -89)
        fixture.client("rotated", secretRotated: -300)
        fixture.event("admin-1", minutesAgo: 5 * 1440, action: "oauthclient.secret.rotate", actorType: "user", resourceID: "rotated")
        let findings = try await fixture.findings(rule: "LP-6")
        #expect(findings.map(\.clientID) == ["old"])
        #expect(findings.first?.evidence.counts["secretAgeDays"] == 91)
    }
}
