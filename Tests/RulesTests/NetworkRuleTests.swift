import Foundation
import PartnerAuditCore
import Testing
@testable import Rules

@Suite("Allowlist and environment-reuse rules")
struct NetworkRuleTests {
    @Test("No allowlist is AL-1")
    func missingAllowlist() async throws {
        let fixture = try RuleFixture()
        fixture.client("open", allowlist: nil)
        fixture.client("locked")
        #expect(try await fixture.findings(rule: "AL-1").map(\.clientID) == ["open"])
    }

    @Test("The /24 passes and the /23 fails AL-2; 0.0.0.0/0 and ::/0 are critical")
    func broadEntries() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", allowlist: ["34.10.0.0/24", "34.12.0.0/23", "0.0.0.0/0", "2001:4860::/48", "2001:4860::/47", "::/0"])
        let findings = try await fixture.findings(rule: "AL-2")
        let bySubject = Dictionary(uniqueKeysWithValues: findings.map { ($0.subject, $0.severity) })
        #expect(bySubject == ["34.12.0.0/23": .high, "0.0.0.0/0": .critical, "2001:4860::/47": .high, "::/0": .critical])
    }

    @Test("A malformed entry and a private one are AL-3; allowPrivate lets the private one pass")
    func malformedAndPrivate() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", allowlist: ["10.0.0.300/24", "10.20.0.0/16", "192.0.2.0/24", "34.10.0.0/24"])
        #expect(Set(try await fixture.findings(rule: "AL-3").map(\.subject)) == ["10.0.0.300/24", "10.20.0.0/16", "192.0.2.0/24"])

        var lenient = RuleFixture.standardPolicy
        lenient.allowlist.allowPrivate = true
        let relaxed = try RuleFixture(policy: lenient)
        relaxed.client("c1", allowlist: ["10.0.0.300/24", "10.20.0.0/16"])
        #expect(try await relaxed.findings(rule: "AL-3").map(\.subject) == ["10.0.0.300/24"])
    }

    @Test("A token issued outside the allowlist is a critical AL-4 citing the event; only denied attempts are medium; inside is none")
    func outsideAllowlist() async throws {
        let fixture = try RuleFixture()
        fixture.client("leaky")
        fixture.client("guarded")
        fixture.client("clean")
        fixture.event("leaky", minutesAgo: 100, action: "oauth.token.issued", ip: "9.9.9.9")
        fixture.event("guarded", minutesAgo: 100, action: "oauth.token.denied", outcome: "denied", ip: "9.9.9.9")
        fixture.event("clean", minutesAgo: 100, action: "oauth.token.issued", ip: "34.10.0.7")
        let findings = try await fixture.findings(rule: "AL-4")
        #expect(findings.first { $0.clientID == "leaky" }?.severity == .critical)
        #expect(findings.first { $0.clientID == "leaky" }?.evidence.events.map(\.sourceIP) == ["9.9.9.9"])
        #expect(findings.first { $0.clientID == "guarded" }?.severity == .medium)
        #expect(!findings.contains { $0.clientID == "clean" })
    }

    @Test("Traffic from one environment passes ER-1; from two (prod and staging) fails")
    func severalEnvironments() async throws {
        let fixture = try RuleFixture()
        fixture.client("one", allowlist: ["34.10.0.0/24", "34.20.0.0/24"])
        fixture.client("two", allowlist: ["34.10.0.0/24", "34.20.0.0/24"])
        fixture.event("one", minutesAgo: 10, ip: "34.10.0.1")
        fixture.event("two", minutesAgo: 10, ip: "34.10.0.1")
        fixture.event("two", minutesAgo: 20, ip: "34.20.0.1")
        let findings = try await fixture.findings(rule: "ER-1")
        #expect(findings.map(\.clientID) == ["two"])
        #expect(findings.first?.subject == "prod+staging")
    }

    @Test("Traffic from two partners' networks is a critical ER-2")
    func severalPartners() async throws {
        let fixture = try RuleFixture()
        fixture.client("shared", allowlist: ["34.10.0.0/24", "52.30.0.0/24"])
        fixture.event("shared", minutesAgo: 10, ip: "34.10.0.1")
        fixture.event("shared", minutesAgo: 20, ip: "52.30.0.9")
        let findings = try await fixture.findings(rule: "ER-2")
        #expect(findings.map(\.severity) == [.critical])
        #expect(findings.first?.evidence.sourceIPs == ["52.30.0.9"])
    }

    @Test("A Prod-named client called only from staging networks is ER-3; called from prod it is not")
    func wrongEnvironment() async throws {
        let fixture = try RuleFixture()
        fixture.client("misused", allowlist: ["34.20.0.0/24"])
        fixture.client("proper")
        fixture.event("misused", minutesAgo: 10, ip: "34.20.0.4")
        fixture.event("proper", minutesAgo: 10, ip: "34.10.0.4")
        #expect(try await fixture.findings(rule: "ER-3").map(\.clientID) == ["misused"])
    }

    @Test("An app off the naming convention and unmapped is ER-4; mapping it in the policy attributes it")
    func unattributed() async throws {
        let fixture = try RuleFixture()
        fixture.client("orphan", name: "legacy-sync-tool")
        #expect(try await fixture.findings(rule: "ER-4").map(\.clientID) == ["orphan"])

        var mapped = RuleFixture.standardPolicy
        mapped.partners[0].clients = [PartnerClient(clientID: "orphan", environment: "prod")]
        let attributed = try RuleFixture(policy: mapped)
        attributed.client("orphan", name: "legacy-sync-tool")
        #expect(try await attributed.findings(rule: "ER-4").isEmpty)
    }
}
