import Extractor
import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Testing
import TestSupport
import Warehouse

@Suite("Pages near the body cap are read whole; larger ones are refused, not retried")
struct LargePageTests {
    /// A one-window server whose only page holds `events` events, each with `padding` bytes of details.
    private func fixture(events: Int, padding: Int) async throws -> HostileFixture {
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("large-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let pad = String(repeating: "p", count: padding)
                let entities = (0..<events).map { guideEvent("big-\($0)", at: request, details: #"{"pad":"\#(pad)"}"#) }
                return HostileServer.json(.ok, #"{"entities":[\#(entities.joined(separator: ","))],"page":1,"pageSize":500,"total":\#(events),"pageCount":1}"#)
            }
        }
        return HostileFixture(server: server)
    }

    private func settings(_ fixture: HostileFixture) -> ExtractionSettings {
        var settings = fixture.settings(days: 1)
        settings.windowLength = .day
        return settings
    }

    @Test("A page of 500 events and 15 MB is stored whole")
    func pageBelowTheCap() async throws {
        let fixture = try await fixture(events: 500, padding: 30_000)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let summary = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 500, settings: settings(fixture)).run()
        #expect(summary.eventsStored == 500)
    }

    @Test("A page larger than the body cap fails at once as too large, naming the request")
    func pageAboveTheCap() async throws {
        let fixture = try await fixture(events: 500, padding: (APIClient.bodyLimit / 500) + 1_000)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 500, settings: settings(fixture))
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .responseTooLarge)
        #expect(error?.description.contains("audit log page 1") == true)
        #expect(fixture.clock.sleeps.filter { $0 > .milliseconds(1) }.isEmpty, "not retried")
    }
}
