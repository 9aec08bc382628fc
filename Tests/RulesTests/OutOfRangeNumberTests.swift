import Extractor
import Foundation
import Hummingbird
import Logging
import PartnerAuditCore
import Rules
import Source
import Testing
import TestSupport
import Warehouse

@Suite("A number beyond a double's range in a source's event never stops extraction or evaluation")
struct OutOfRangeNumberTests {
    /// A guide server with one event a window; the first window's event carries `1e999` three times.
    private func server() async throws -> HostileServer {
        try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("range-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let from = request.uri.queryParameters["from"].map(String.init) ?? ""
                let huge = from.hasPrefix("2026-09-29")
                let id = huge ? "huge-1" : "plain-\(from.prefix(10))"
                let details = huge ? #"{"status":1e999,"latency":1e999,"weights":[-1E+999,2]}"# : #"{"status":200}"#
                let event = #"{"id":"\#(id)","timestamp":"\#(from)","actorType":"oauthclient","actorId":"c1","action":"api.request","resource":"users","outcome":"success","details":\#(details)}"#
                return HostileServer.json(.ok, #"{"entities":[\#(event)],"page":1,"pageSize":100,"total":1,"pageCount":1}"#)
            }
        }
    }

    @Test("1e999 in an event: every window commits, the event is stored as sent and SQLite reads it, evaluation runs, a second run stores nothing twice")
    func outOfRangeNumberIsStored() async throws {
        let fixture = HostileFixture(server: try await server())
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let settings = fixture.settings(days: 2)
        let first = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, settings: settings).run()
        #expect(first.windows == 2)
        #expect(try await warehouse.eventIDs().contains("huge-1"))
        let failed = try await warehouse.coverage(of: TimeWindow(fromMillis: 0, toMillis: 1 << 50)).filter { !$0.complete }
        #expect(failed.isEmpty, "no window is left as a gap: \(failed)")

        // SQLite's JSON functions read the stored text: infinity where the source wrote 1e999.
        let read = try ReadOnlyQuery.run("""
            SELECT json_extract(details_json, '$.latency'), json_extract(details_json, '$.weights[0]'), json_valid(details_json)
            FROM events WHERE id = 'huge-1'
            """, warehouse: fixture.warehousePath)
        #expect(read.rows == [["inf", "-inf", "1"]])

        // The rules read every event of the lookback, this one included.
        let engine = RuleEngine(warehouse: warehouse, policy: try Policy(yaml: "lookbackDays: 2\n", file: "policy.yml", knownRuleIDs: RuleCatalog.ids),
                                catalog: try ScopeCatalog.load(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let findings = try await engine.findings(asOf: Timestamp.milliseconds(fixture.clock.now))
        let gaps = findings.filter { $0.ruleID == "AT-1" }
        #expect(gaps.isEmpty, "no gap in the evidence: \(gaps.map(\.detail))")

        // A day later the overlap reads the window again: the event is not stored twice and the chain holds.
        fixture.clock.advance(by: .seconds(86_400))
        _ = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, settings: settings).run()
        #expect(try await warehouse.eventIDs().filter { $0 == "huge-1" }.count == 1)
        #expect(try await warehouse.verifyChain().firstBreak == nil)
    }
}
