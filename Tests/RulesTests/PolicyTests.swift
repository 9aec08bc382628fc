import Foundation
import PartnerAuditCore
import Testing
@testable import Rules

@Suite("Policy file")
struct PolicyTests {
    static let ruleIDs: Set<String> = ["WS-1", "LP-1", "AL-1", "AL-2", "AL-3", "AL-4", "CM-1"]
    static let acmeClient = "7c1e9a52-0d4f-4b8e-9a61-2f0c3b5d8e11"

    /// The example of spec/rules.md, verbatim.
    static let example = """
        lookbackDays: 90
        dormantDays: 60
        secretMaxAgeDays: 90
        allowlist:
          maxIPv4Prefix: 24
          maxIPv6Prefix: 48
          allowPrivate: false
        anomaly:
          deniedPerHour: 20
        changeWindows:                 # CM-1: changes outside these are high
          - weekday: saturday
            from: "02:00"
            to: "06:00"
        partners:
          - id: acme
            name: ACME Corp
            approvedScopes: [routing:queue:read, interaction:read, analytics:report:read]
            clients:                   # explicit mapping wins over the name convention
              - clientId: 7c1e9a52-0d4f-4b8e-9a61-2f0c3b5d8e11
                environment: prod
            networks:                  # where each environment's traffic comes from
              prod: [203.0.113.0/24]
              staging: [198.51.100.128/25]
        waivers:                       # accepted risks: shown in reports, never hidden
          - ruleId: AL-2
            clientId: 7c1e9a52-0d4f-4b8e-9a61-2f0c3b5d8e11
            subject: 198.51.100.0/23   # optional: one scope / CIDR / IP
            justification: Partner NAT pool, tracked in CHG-1042
            approvedBy: ciso@example.com
            expires: 2027-03-31        # an expired waiver no longer applies, and says so
        """

    static func decode(_ yaml: String) throws(ConfigurationError) -> Policy {
        try Policy(yaml: yaml, file: "policy.yml", knownRuleIDs: ruleIDs)
    }

    static func moment(_ text: String) throws -> Date {
        try #require(Timestamp.parse(text))
    }

    /// Decodes text that must fail, and checks the error's file and line.
    static func refusal(_ yaml: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigurationError? {
        let error = #expect(throws: ConfigurationError.self, sourceLocation: sourceLocation) { try decode(yaml) }
        #expect(error?.file == "policy.yml", sourceLocation: sourceLocation)
        #expect(error?.line == line, sourceLocation: sourceLocation)
        #expect(error?.description.hasPrefix("policy.yml:\(line): ") == true, sourceLocation: sourceLocation)
        return error
    }

    // MARK: - Reading

    @Test("The example of rules.md decodes in full")
    func example() throws {
        let policy = try Self.decode(Self.example)
        #expect(policy.source == "policy.yml" && !policy.isDefault)
        #expect((policy.lookbackDays, policy.dormantDays, policy.secretMaxAgeDays) == (90, 60, 90))
        #expect(policy.allowlist == AllowlistPolicy())
        #expect(policy.anomaly.deniedPerHour == 20)
        #expect(policy.changeWindows == [ChangeWindow(weekday: .saturday, fromMinute: 120, toMinute: 360, line: 11)])
        let acme = try #require(policy.partners.first)
        #expect(policy.partners.count == 1)
        #expect(acme.id == "acme" && acme.name == "ACME Corp")
        #expect(acme.approvedScopes == ["routing:queue:read", "interaction:read", "analytics:report:read"])
        #expect(acme.clients == [PartnerClient(clientID: Self.acmeClient, environment: "prod", line: 19)])
        #expect(acme.networks == ["prod": [try CIDRBlock.parse("203.0.113.0/24")], "staging": [try CIDRBlock.parse("198.51.100.128/25")]])
        let waiver = try #require(policy.waivers.first)
        #expect(waiver.ruleID == "AL-2" && waiver.clientID == Self.acmeClient && waiver.subject == "198.51.100.0/23")
        #expect(waiver.justification == "Partner NAT pool, tracked in CHG-1042" && waiver.approvedBy == "ciso@example.com")
        #expect(waiver.expiryDay == "2027-03-31" && waiver.line == 25)
    }

    @Test("Without a file the defaults are in force and say so")
    func defaults() {
        let policy = Policy.defaults
        #expect(policy.isDefault)
        #expect((policy.lookbackDays, policy.dormantDays, policy.secretMaxAgeDays) == (90, 60, 90))
        #expect((policy.allowlist.maxIPv4Prefix, policy.allowlist.maxIPv6Prefix, policy.allowlist.allowPrivate) == (24, 48, false))
        #expect((policy.anomaly.deniedPerHour, policy.anomaly.rateLimitedPerDay) == (20, 5))
        #expect(policy.partners.isEmpty && policy.waivers.isEmpty && policy.changeWindows.isEmpty)
    }

    @Test("An empty file means every default, but records that a file was read")
    func emptyFile() throws {
        var policy = try Self.decode("")
        #expect(!policy.isDefault)
        policy.source = nil
        #expect(policy == Policy.defaults)
    }

    @Test("The AN-2 threshold rateLimitedPerDay is read from the anomaly section")
    func rateLimitedPerDay() throws {
        #expect(try Self.decode("anomaly:\n  rateLimitedPerDay: 12\n").anomaly.rateLimitedPerDay == 12)
    }

    @Test("Loading a path with no file gives no policy")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-policy-\(UUID()).yml").path
        #expect(try Policy.load(path: path, knownRuleIDs: Self.ruleIDs) == nil)
    }

    @Test("Loading an existing file reads it and records its path")
    func loadsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID()).yml").path
        try "dormantDays: 30\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try #require(try Policy.load(path: path, knownRuleIDs: Self.ruleIDs))
        #expect(policy.dormantDays == 30 && policy.source == path)
    }

    @Test("A path that exists but cannot be read as a file is an error naming it")
    func unreadable() {
        let path = FileManager.default.temporaryDirectory.path
        let error = #expect(throws: ConfigurationError.self) { try Policy.load(path: path, knownRuleIDs: Self.ruleIDs) }
        #expect(error?.file == path)
    }

    // MARK: - Refusals, each with file and line

    @Test("An unknown top-level key is refused at its line")
    func unknownTopLevelKey() {
        let error = Self.refusal("dormantDays: 60\nlookbackDay: 90\n", line: 2)
        #expect(error?.message.contains("unknown key 'lookbackDay'") == true)
    }

    @Test("An unknown key deep inside a partner's client is refused at its line")
    func unknownNestedKey() {
        let error = Self.refusal("""
            partners:
              - id: acme
                clients:
                  - clientId: abc
                    environment: prod
                    enviroment: prod
            """, line: 6)
        #expect(error?.message.contains("unknown key 'enviroment' in client 1 of partner 'acme'") == true)
    }

    @Test("A bad CIDR in networks is refused with the CIDR and what is wrong with it")
    func badNetworkCIDR() {
        let error = Self.refusal("""
            partners:
              - id: acme
                networks:
                  prod:
                    - 203.0.113.0/24
                    - 10.0.0.300/24
            """, line: 6)
        #expect(error?.message == "partner 'acme', networks.prod: bad CIDR '10.0.0.300/24': octet 300 is out of range")
    }

    @Test("A waiver of an unknown rule is refused, saying the id is unknown")
    func unknownRuleID() {
        let error = Self.refusal("""
            waivers:
              - ruleId: AL-2
                justification: ok
                expires: 2027-03-31
              - ruleId: AL-9
                justification: ok
                expires: 2027-03-31
            """, line: 5)
        #expect(error?.message.hasPrefix("waiver 2: unknown rule id 'AL-9'") == true)
    }

    @Test("A waiver without expires is refused at the waiver")
    func waiverWithoutExpiry() {
        let error = Self.refusal("waivers:\n  - ruleId: AL-2\n    justification: ok\n", line: 2)
        #expect(error?.message == "waiver 1 has no 'expires'")
    }

    @Test("A waiver without justification is refused at the waiver")
    func waiverWithoutJustification() {
        let error = Self.refusal("waivers:\n  - ruleId: AL-2\n    expires: 2027-03-31\n", line: 2)
        #expect(error?.message == "waiver 1 has no 'justification'")
    }

    @Test("A waiver with a blank justification is refused at the key")
    func waiverWithBlankJustification() {
        let error = Self.refusal("waivers:\n  - ruleId: AL-2\n    expires: 2027-03-31\n    justification: '  '\n", line: 4)
        #expect(error?.message == "waiver 1: 'justification' is empty")
    }

    @Test("A waiver expiring on a day that does not exist, or not written YYYY-MM-DD, is refused", arguments: ["2027-02-30", "31/03/2027", "2027-3-31", "2027-03-31T00:00:00Z"])
    func badExpiry(text: String) {
        let error = Self.refusal("waivers:\n  - ruleId: AL-2\n    justification: ok\n    expires: \(text)\n", line: 4)
        #expect(error?.message.contains("'expires' must be a date YYYY-MM-DD") == true)
    }

    @Test("A change window on a day that is not a weekday is refused")
    func badWeekday() {
        let error = Self.refusal("changeWindows:\n  - weekday: caturday\n    from: \"02:00\"\n    to: \"06:00\"\n", line: 2)
        #expect(error?.message.contains("'caturday' is not a weekday") == true)
    }

    @Test("A change window with a time that is not HH:MM is refused", arguments: ["25:00", "2:00", "02:60", "noon", "24:00"])
    func badTime(text: String) {
        let error = Self.refusal("changeWindows:\n  - weekday: saturday\n    from: \"\(text)\"\n    to: \"06:00\"\n", line: 3)
        #expect(error?.message.contains("'from' must be a UTC time HH:MM") == true)
    }

    @Test("Zero or negative day counts are refused", arguments: ["lookbackDays: 0", "dormantDays: -5", "secretMaxAgeDays: 0"])
    func nonPositiveDays(line: String) {
        let error = Self.refusal("anomaly:\n  deniedPerHour: 5\n\(line)\n", line: 3)
        #expect(error?.message.contains("must be between 1 and") == true)
    }

    @Test("Prefix maximums outside 0–32 and 0–128 are refused", arguments: [("maxIPv4Prefix: 33", "0 and 32"), ("maxIPv6Prefix: 129", "0 and 128"), ("maxIPv4Prefix: -1", "0 and 32")])
    func prefixOutOfRange(line: String, range: String) {
        let error = Self.refusal("allowlist:\n  allowPrivate: true\n  \(line)\n", line: 3)
        #expect(error?.message.contains("must be between \(range)") == true)
    }

    @Test("A partner without an id is refused at the partner")
    func partnerWithoutID() {
        let error = Self.refusal("partners:\n  - id: acme\n  - name: Nameless\n    approvedScopes: []\n", line: 3)
        #expect(error?.message == "partner 2 has no 'id'")
    }

    @Test("A partner id declared twice is refused at the second")
    func duplicatePartner() {
        let error = Self.refusal("partners:\n  - id: acme\n  - name: Again\n    id: acme\n", line: 4)
        #expect(error?.message == "partner id 'acme' is declared twice (first on line 2)")
    }

    @Test("A client mapped to two partners is refused at the second mapping")
    func clientOfTwoPartners() {
        let error = Self.refusal("""
            partners:
              - id: acme
                clients:
                  - {clientId: abc, environment: prod}
              - id: globex
                clients:
                  - clientId: def
                    environment: prod
                  - clientId: abc
                    environment: staging
            """, line: 9)
        #expect(error?.message == "client 'abc' is mapped to partner 'globex' and already to 'acme' on line 4")
    }

    @Test("An empty environment name for a client is refused")
    func emptyClientEnvironment() {
        let error = Self.refusal("partners:\n  - id: acme\n    clients:\n      - clientId: abc\n        environment: \"\"\n", line: 5)
        #expect(error?.message == "client 1 of partner 'acme': the environment name is empty")
    }

    @Test("An empty environment name in networks is refused")
    func emptyNetworkEnvironment() {
        let error = Self.refusal("partners:\n  - id: acme\n    networks:\n      prod: [203.0.113.0/24]\n      \"\": [198.51.100.0/24]\n", line: 5)
        #expect(error?.message == "partner 'acme' has a network environment with an empty name")
    }

    // MARK: - Lookups

    @Test("A mapped client leads to its partner and environment")
    func clientLookup() throws {
        let policy = try Self.decode(Self.example)
        let mapped = try #require(policy.partner(forClientID: Self.acmeClient))
        #expect(mapped.partner.id == "acme" && mapped.environment == "prod")
        #expect(policy.partner(forClientID: "unknown") == nil)
        #expect(policy.partner(id: "acme")?.name == "ACME Corp")
        #expect(policy.partner(id: "globex") == nil)
    }

    @Test("An address leads to the partner environments whose networks contain it")
    func networkLookup() throws {
        let policy = try Self.decode(Self.example)
        let staging = try #require(IPAddress("198.51.100.200"))
        let found = policy.environments(containing: staging)
        #expect(found.map(\.partnerID) == ["acme"] && found.map(\.environment) == ["staging"])
        #expect(policy.environments(containing: try #require(IPAddress("198.51.100.1"))).isEmpty)
    }

    // MARK: - Waivers

    @Test("A waiver covers its rule, client and subject, written in any form of the same CIDR")
    func waiverMatching() throws {
        let policy = try Self.decode(Self.example)
        let now = try Self.moment("2026-10-01T00:00:00Z")
        #expect(policy.waiver(ruleID: "AL-2", clientID: Self.acmeClient, subject: "198.51.100.0/23", on: now) != nil)
        #expect(policy.waiver(ruleID: "AL-2", clientID: Self.acmeClient, subject: "198.51.101.9/23", on: now) != nil)
        #expect(policy.waiver(ruleID: "AL-2", clientID: Self.acmeClient, subject: "198.51.100.0/24", on: now) == nil)
        #expect(policy.waiver(ruleID: "AL-2", clientID: "other-client", subject: "198.51.100.0/23", on: now) == nil)
        #expect(policy.waiver(ruleID: "AL-3", clientID: Self.acmeClient, subject: "198.51.100.0/23", on: now) == nil)
        #expect(policy.waiver(ruleID: "AL-2", clientID: Self.acmeClient, subject: nil, on: now) == nil)
    }

    @Test("A waiver without client or subject covers every client and subject of its rule")
    func broadWaiver() throws {
        let policy = try Self.decode("waivers:\n  - ruleId: AL-1\n    justification: legacy\n    expires: 2027-01-01\n")
        let now = try Self.moment("2026-10-01T00:00:00Z")
        #expect(policy.waiver(ruleID: "AL-1", clientID: "any", subject: "anything", on: now) != nil)
        #expect(policy.waiver(ruleID: "AL-1", clientID: nil, subject: nil, on: now) != nil)
    }

    @Test("A waiver expiring today still applies today, and no longer tomorrow")
    func expiryDay() throws {
        let waiver = try #require(try Self.decode(Self.example).waivers.first)
        #expect(!waiver.isExpired(on: try Self.moment("2027-03-31T00:00:00Z")))
        #expect(!waiver.isExpired(on: try Self.moment("2027-03-31T23:59:59.999Z")))
        #expect(waiver.isExpired(on: try Self.moment("2027-04-01T00:00:00Z")))
    }

    @Test("An unexpired waiver is preferred, and once all have expired the last to expire is returned so it can say so")
    func prefersUnexpired() throws {
        let policy = try Self.decode("""
            waivers:
              - ruleId: AL-1
                clientId: abc
                justification: old
                expires: 2026-01-31
              - ruleId: AL-1
                justification: renewed for everyone
                expires: 2026-12-31
            """)
        let during = try Self.moment("2026-06-01T12:00:00Z")
        let after = try Self.moment("2027-01-01T00:00:00Z")
        #expect(policy.waiver(ruleID: "AL-1", clientID: "abc", subject: nil, on: during)?.justification == "renewed for everyone")
        #expect(policy.waiver(ruleID: "AL-1", clientID: "abc", subject: nil, on: try Self.moment("2026-01-15T00:00:00Z"))?.justification == "old")
        let expired = try #require(policy.waiver(ruleID: "AL-1", clientID: "abc", subject: nil, on: after))
        #expect(expired.justification == "renewed for everyone" && expired.isExpired(on: after))
    }

    // MARK: - Change windows

    @Test("A change window contains its start and not its end, on its weekday in UTC")
    func changeWindow() throws {
        let window = try #require(try Self.decode(Self.example).changeWindows.first)
        // 2026-10-03 is a Saturday.
        #expect(window.contains(try Self.moment("2026-10-03T02:00:00Z")))
        #expect(window.contains(try Self.moment("2026-10-03T05:59:59.999Z")))
        #expect(!window.contains(try Self.moment("2026-10-03T06:00:00Z")))
        #expect(!window.contains(try Self.moment("2026-10-03T01:59:59Z")))
        #expect(!window.contains(try Self.moment("2026-10-02T03:00:00Z")))
        #expect(window.description == "saturday 02:00–06:00")
    }

    @Test("A change window ending before it starts runs past midnight into the next day")
    func overnightWindow() throws {
        let policy = try Self.decode("changeWindows:\n  - weekday: sun\n    from: \"22:00\"\n    to: \"02:00\"\n")
        // 2026-10-04 is a Sunday, 2026-10-05 a Monday.
        #expect(policy.isInChangeWindow(try Self.moment("2026-10-04T23:30:00Z")))
        #expect(policy.isInChangeWindow(try Self.moment("2026-10-05T01:59:00Z")))
        #expect(!policy.isInChangeWindow(try Self.moment("2026-10-05T02:00:00Z")))
        #expect(!policy.isInChangeWindow(try Self.moment("2026-10-04T21:59:00Z")))
    }

    @Test("A change window may end at 24:00, the end of its day")
    func windowToMidnight() throws {
        let policy = try Self.decode("changeWindows:\n  - weekday: Friday\n    from: \"18:00\"\n    to: \"24:00\"\n")
        #expect(policy.isInChangeWindow(try Self.moment("2026-10-02T23:59:59Z")))
        #expect(!policy.isInChangeWindow(try Self.moment("2026-10-03T00:00:00Z")))
    }
}
