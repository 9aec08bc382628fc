import Extractor
import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Testing
import TestSupport
import Warehouse

@Suite("An event that cannot be read is left out and recorded; the rest of its window is stored and extraction goes on")
struct UnreadableEventTests {
    /// A guide server: the first window's page holds one good event and three that cannot be read
    /// (no id, a time that is not one, a time outside the window); every other window one good event.
    private func server() async throws -> HostileServer {
        try await server { request, from in
            [
                guideEvent("", at: request),
                guideEvent("bad-time", at: request).replacingOccurrences(of: from, with: "2026-13-45T99:99:99Z"),
                guideEvent("elsewhere", at: request).replacingOccurrences(of: from, with: "2020-01-01T00:00:00.000Z"),
            ]
        }
    }

    /// A guide server: every window's page holds one good event with `details`, the first
    /// window's (from 2026-09-29) also the events `firstWindow` gives for the request and its `from`.
    private func server(
        details: String = "{}", firstWindow: @escaping @Sendable (Request, String) -> [String]
    ) async throws -> HostileServer {
        try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("unreadable-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let from = request.uri.queryParameters["from"].map(String.init) ?? ""
                var entities = [guideEvent("good-\(from.prefix(10))", at: request, details: details)]
                if from.hasPrefix("2026-09-29") { entities += firstWindow(request, from) }
                return guidePage(entities, page: 1, pageCount: 1, total: entities.count)
            }
        }
    }

    /// Extracts what `server` serves into a fresh warehouse, expects only the good events stored
    /// (other escapes in values read as before), then hands the warehouse and the audit log's summary to `check`.
    private func extractGoodEvents(from server: HostileServer, _ check: (Warehouse, SourceSummary) async throws -> Void) async throws {
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let summary = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 100).run()
        #expect(try await warehouse.eventIDs().sorted() == ["good-2026-09-29", "good-2026-09-30"])
        try await check(warehouse, try #require(summary.sources.first { $0.source == .auditLog }))
    }

    @Test("Three bad events of one window: left out, named in the summary and on the window's record; every window commits")
    func badEventsAreLeftOut() async throws {
        let fixture = HostileFixture(server: try await server())
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let summary = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 100).run()
        #expect(summary.windows == 2)
        #expect(try await warehouse.eventIDs().sorted() == ["good-2026-09-29", "good-2026-09-30"])

        let audit = try #require(summary.sources.first { $0.source == .auditLog })
        #expect(audit.itemsRejected == 3)
        #expect(audit.rejections.count == 3)
        #expect(audit.rejections.contains { $0.contains("(no id): field 'id' is missing or empty") }, "\(audit.rejections)")
        #expect(audit.rejections.contains { $0.contains("bad-time: field 'timestamp' is not an ISO 8601 UTC time") })
        #expect(audit.rejections.contains { $0.contains("elsewhere: field 'timestamp' 2020-01-01T00:00:00.000Z lies outside the requested window") })

        let coverage = try await warehouse.coverage(of: TimeWindow(fromMillis: 0, toMillis: 1 << 50))
        #expect(coverage.allSatisfy { $0.complete })
        #expect(coverage.map(\.rejected.count) == [3, 0])
        #expect(coverage.first?.rejected.map(\.id) == [nil, "bad-time", "elsewhere"])
        #expect(try await warehouse.verifyChain().firstBreak == nil, "the record of what was left out is under the ledger too")
    }

    @Test("An event holding a key twice, one spelled with an escape or both plain, at any depth: left out and recorded, since its stored text and its columns could name different values")
    func repeatedKeysAreLeftOut() async throws {
        let server = try await self.server(details: #"{"sourceIp":"34.10.0.5"}"#) { request, _ in
            [
                guideEvent("escaped-ip", at: request, details: #"{"s\u006furceIp":"10.9.9.9","sourceIp":"34.10.0.5"}"#),
                guideEvent("escaped-outcome", at: request).replacingOccurrences(of: #""outcome":"success""#, with: #""outc\u006fme":"denied","outcome":"success""#),
                guideEvent("plain-deep", at: request, details: #"{"request":{"path":"/a","path":"/b"}}"#),
            ]
        }
        try await extractGoodEvents(from: server) { warehouse, audit in
            #expect(audit.itemsRejected == 3)
            #expect(audit.rejections.contains { $0.contains("escaped-ip: field 'sourceIp' is given twice") }, "\(audit.rejections)")
            #expect(audit.rejections.contains { $0.contains("escaped-outcome: field 'outcome' is given twice") }, "\(audit.rejections)")
            #expect(audit.rejections.contains { $0.contains("plain-deep: field 'path' is given twice") }, "\(audit.rejections)")
            let coverage = try await warehouse.coverage(of: TimeWindow(fromMillis: 0, toMillis: 1 << 50))
            #expect(coverage.map(\.rejected.count) == [3, 0], "recorded on the window, so AT-1 reports evidence left out")
        }
    }

    @Test("An event with a key spelled with an escape, given once: left out and recorded, since SQLite reads its stored text by the key's spelling and finds no value there")
    func escapedKeysAreLeftOut() async throws {
        let server = try await self.server(details: #"{"sourceIp":"34.10.0.5","note":"a \u00e9 \"value\""}"#) { request, _ in
            [guideEvent("escaped-once", at: request, details: #"{"s\u006furceIp":"10.9.9.9"}"#)]
        }
        try await extractGoodEvents(from: server) { warehouse, audit in
            #expect(audit.rejections.count == 1)
            #expect(audit.rejections.first?.hasSuffix("escaped-once: field 'sourceIp' is spelled with an escape (\"s\\u006furceIp\"): SQLite reads the text stored as sent by that spelling and would find no value for the name the columns read") == true,
                    "\(audit.rejections)")
        }
    }

    @Test("An event holding an escaped NUL or a lone surrogate in a value: left out and recorded, since SQLite reads its stored text otherwise (it stops at the NUL)")
    func unreadableEscapesAreLeftOut() async throws {
        let server = try await self.server(details: #"{"sourceIp":"34.10.0.5","note":"a \u00e9 \ud83d\ude00 \u0001"}"#) { request, _ in
            [
                guideEvent("nul-outcome", at: request).replacingOccurrences(of: #""outcome":"success""#, with: #""outcome":"success\u0000x""#),
                guideEvent("lone-surrogate", at: request, details: #"{"path":"/api/v2/a\ud800"}"#),
            ]
        }
        try await extractGoodEvents(from: server) { warehouse, audit in
            #expect(audit.itemsRejected == 2)
            #expect(audit.rejections.contains { $0.contains("nul-outcome: field 'outcome' holds an escaped NUL or a lone surrogate (\"success\\u0000x\")") }, "\(audit.rejections)")
            #expect(audit.rejections.contains { $0.contains("lone-surrogate: field 'path' holds an escaped NUL or a lone surrogate") }, "\(audit.rejections)")
            let coverage = try await warehouse.coverage(of: TimeWindow(fromMillis: 0, toMillis: 1 << 50))
            #expect(coverage.map(\.rejected.count) == [2, 0], "recorded on the window, so AT-1 reports evidence left out")
        }
    }

    @Test("More bad events in one window than the bound: the window fails as before, naming the first, and nothing of it is stored")
    func tooManyBadEventsFailTheWindow() async throws {
        let fixture = HostileFixture(server: try await server())
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        var settings = fixture.settings()
        settings.maxRejectedPerWindow = 2
        let error = await #expect(throws: ExtractionError.self) {
            try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 100, settings: settings).run()
        }
        #expect(error?.underlying.code == .malformedResponse)
        #expect(error?.description.contains("more than 2 events of the window cannot be read (the first: (no id): field 'id' is missing or empty)") == true,
                "\(error.map { "\($0)" } ?? "")")
        #expect(try await warehouse.eventIDs().isEmpty)
    }
}
