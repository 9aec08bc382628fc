import Extractor
import Foundation
import Logging
import PartnerAuditCore
@testable import Rules
import Testing
import Warehouse

/// The rules on a live organisation's gateway traffic (rules.md, "+ gateway logs"): behind a
/// gateway the organisation-wide allowlist holds the gateway's egress addresses, so the
/// partners' own addresses exist only in the gateway's log.
@Suite("Rules on gateway traffic")
struct GatewayRuleTests {
    /// The gateway's egress network: the live organisation's one allowlist.
    static let egress = "198.51.100.0/28"

    @Test("ER-1, ER-2 and AL-4 fire on the planted clients from gateway traffic and nowhere else; AN-1 counts 401/403 lines per hour")
    func plantedClients() async throws {
        let fixture = try RuleFixture()
        for id in ["clean", "reused", "shared", "leaky", "knocker"] {
            fixture.client(id, allowlist: [Self.egress], organizationWideAllowlist: true)
            // The platform's own record: tokens issued to the gateway's egress address.
            fixture.event(id, minutesAgo: 300, action: "oauth.token.issued", ip: "198.51.100.5")
        }
        try await fixture.store()
        var log = ""
        func line(_ client: String, _ ip: String, minutesAgo: Int64, status: Int = 200) {
            let instant = RuleFixture.asOf - minutesAgo * 60_000
            log += #"{"request":{"method":"GET","uri":"/api/v2/routing/queues","headers":{"user-agent":"partner/1"}},"response":{"status":\#(status)},"client_ip":"\#(ip)","consumer":{"custom_id":"\#(client)"},"started_at":\#(instant)}"# + "\n"
        }
        line("clean", "34.10.0.7", minutesAgo: 90)
        line("reused", "34.10.0.7", minutesAgo: 80)       // acme prod
        line("reused", "34.20.0.7", minutesAgo: 70)       // acme staging: ER-1
        line("shared", "34.10.0.8", minutesAgo: 60)
        line("shared", "52.30.0.9", minutesAgo: 50)       // globex prod: ER-2, and outside acme's networks: AL-4
        line("leaky", "203.0.113.77", minutesAgo: 40)     // nobody's network: AL-4
        for k in 0..<25 { line("knocker", "34.10.0.9", minutesAgo: 30 - Int64(k % 20), status: k % 2 == 0 ? 401 : 403) }
        let path = fixture.folder.appendingPathComponent("partner-access.log").path
        try Data(log.utf8).write(to: URL(fileURLWithPath: path))
        try await Self.ingest(path, into: fixture.warehouse)

        let findings = try await fixture.evaluate()
        func clients(_ rule: String) -> Set<String> { Set(findings.filter { $0.ruleID == rule && $0.severity != .info }.map(\.clientID)) }
        #expect(clients("AL-4") == ["shared", "leaky"])
        #expect(clients("ER-1") == ["reused"])
        #expect(clients("ER-2") == ["shared"])
        #expect(clients("AN-1") == ["knocker"])
        let leaky = try #require(findings.first { $0.ruleID == "AL-4" && $0.clientID == "leaky" })
        #expect(leaky.severity == .critical)
        #expect(leaky.detail.contains("gateway access log"))
        #expect(leaky.evidence.sourceIPs == ["203.0.113.77"])
        #expect(leaky.evidence.events.contains { $0.id.hasPrefix(GatewayRequest.eventIDPrefix) })
    }

    @Test("Live, with a gateway read: an hour of partner traffic no gateway line covers makes AL-4 and ER-1…3 not testable there, and says which hours")
    func uncoveredHours() async throws {
        let fixture = try RuleFixture()
        fixture.client("covered", allowlist: [Self.egress], organizationWideAllowlist: true)
        fixture.event("covered", minutesAgo: 90, action: "oauth.token.issued", ip: "198.51.100.5")   // 22:30, covered below
        fixture.event("covered", minutesAgo: 300, action: "oauth.token.issued", ip: "198.51.100.5")  // 19:00, no gateway line
        try await fixture.store(dialect: .live)
        let line = #"{"request":{"method":"GET","uri":"/api/v2/users"},"response":{"status":200},"client_ip":"34.10.0.7","consumer":{"custom_id":"covered"},"started_at":\#(RuleFixture.asOf - 80 * 60_000)}"#
        let path = fixture.folder.appendingPathComponent("access.log").path
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        // The run's stretch is the lookback's, as an extraction of the audit log and the gateway together plans it.
        try await Self.ingest(path, into: fixture.warehouse, since: Timestamp.date(milliseconds: RuleFixture.asOf - 120 * RuleFixture.day),
                              until: Timestamp.date(milliseconds: RuleFixture.asOf))
        let findings = try await fixture.evaluate()
        for rule in ["AL-4", "ER-1", "ER-2", "ER-3"] {
            let info = findings.filter { $0.ruleID == rule && $0.subject == "gateway-coverage" }
            #expect(info.count == 1 && info.first?.severity == .info, "\(rule)")
            #expect(info.first?.title.contains("the hour from 2026-09-30T19:00Z") == true, "\(info.first?.title ?? "")")
        }
    }

    static func ingest(_ path: String, into warehouse: Warehouse, since: Date? = nil, until: Date? = nil) async throws {
        let source = GatewaySource(logs: [GatewayLogSettings(path: path, format: GatewayLogFormat(.kong))], warehouse: warehouse,
                                   clock: SystemClock(), logger: Logger(label: "gateway") { _ in SwiftLogNoOpLogHandler() })
        let now = Date()
        let range = try await source.plannedRange(since: since, until: until, now: now)
        let runID = try await warehouse.startRun(dialect: .live, range: range, at: now)
        try await warehouse.startSource(.gateway, runID: runID, range: range, at: now)
        _ = try await source.extract(range, runID: runID, advancesCheckpoint: true, started: now)
        try await warehouse.finishSource(.gateway, runID: runID, error: nil, at: Date())
        try await warehouse.finishRun(runID, error: nil, at: Date())
    }
}
