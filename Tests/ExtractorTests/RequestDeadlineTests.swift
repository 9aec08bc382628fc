import Extractor
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

@Suite("Every request has a whole-request deadline that slow progress cannot stretch")
struct RequestDeadlineTests {
    /// A 200 whose head comes at once and whose body comes a byte every 100 ms for a minute: each
    /// byte resets a read timeout, so only a deadline on the whole request ends it.
    static func trickle() -> Response {
        let body = Array(#"{"entities":[],"pageCount":1,"total":0}"#.utf8) + Array(repeating: UInt8(ascii: " "), count: 600)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
            for byte in body {
                try await writer.write(ByteBuffer(bytes: [byte]))
                try await Task.sleep(for: .milliseconds(100))
            }
            try await writer.finish(nil)
        })
    }

    @Test("A body trickled a byte at a time fails at the deadline, not retried, naming the request")
    func trickledBody() async throws {
        let requests = Atomic(0)
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("deadline-token"))
            router.get("/api/v2/slow") { _, _ in
                requests.add(1, ordering: .relaxed)
                return Self.trickle()
            }
            router.get("/api/v2/fast", use: HostileServer.emptyListing)
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        // 20 s: long enough for a loopback token request on a machine busy with the whole suite
        // and more (10 s once ran out there), still far short of the trickle's minute.
        let api = try fixture.api(requestDeadline: .seconds(20))
        // The token and the connection first, so a busy machine cannot spend the slow call's deadline on them.
        _ = try await api.call(.GET, "/api/v2/fast", label: "a fast page")
        let started = ContinuousClock.now
        let error = await #expect(throws: SourceError.self) {
            _ = try await api.call(.GET, "/api/v2/slow", label: "a slow page")
        }
        let took = ContinuousClock.now - started
        #expect(error?.code == .deadlineExceeded)
        #expect(error?.description.contains("a slow page") == true)
        #expect(error?.description.contains("within 20s") == true, "the error says which deadline: \(error.map { "\($0)" } ?? "")")
        #expect(took < .seconds(45), "took \(took): the trickle lasts over a minute, so only the deadline ended it")
        #expect(requests.load(ordering: .relaxed) == 1, "a request past its deadline is not retried")
    }

    @Test("Under extraction, a trickled page fails the run at its window; the window before stays committed and the run is not left running")
    func trickledWindow() async throws {
        let pages = Atomic(0)
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("deadline-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                guard pages.add(1, ordering: .relaxed).oldValue > 0 else {
                    let from = request.uri.queryParameters["from"].map(String.init) ?? ""
                    let entity = #"{"id":"evt-1","timestamp":"\#(from)","actorType":"user","actorId":"u1","action":"api.request","resource":"users","resourceId":"","outcome":"success"}"#
                    return HostileServer.json(.ok, #"{"entities":[\#(entity)],"page":1,"pageSize":100,"total":1,"pageCount":1}"#)
                }
                return Self.trickle()
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(requestDeadline: .seconds(20)), warehouse: warehouse)
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .deadlineExceeded)
        #expect(error?.description.contains("first page of window [") == true)
        #expect(try await warehouse.eventIDs() == ["evt-1"], "the first window stays committed")
        let run = try #require(try await warehouse.runs().first)
        #expect(run.status == "failed")
        #expect(run.error?.contains("deadline") == true)
    }
}
