import Extractor
import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

/// A guide-dialect audit event at the start of the requested window.
func guideEvent(_ id: String, at request: Request, details: String = "{}") -> String {
    let from = request.uri.queryParameters["from"].map(String.init) ?? ""
    return #"{"id":"\#(id)","timestamp":"\#(from)","actorType":"user","actorId":"u1","action":"api.request","resource":"users","resourceId":"","outcome":"success","details":\#(details)}"#
}

/// A guide page of `entities`, claiming `pageCount` pages and `total` events.
func guidePage(_ entities: [String], page: Int, pageCount: Int, total: Int) -> Response {
    HostileServer.json(.ok, #"{"entities":[\#(entities.joined(separator: ","))],"page":\#(page),"pageSize":2,"total":\#(total),"pageCount":\#(pageCount)}"#)
}

/// Requests a server has answered, counted across its route's calls.
final class Counter: Sendable {
    private let count = Atomic(0)
    /// Counts one more and returns the new count.
    func next() -> Int { count.add(1, ordering: .relaxed).newValue }
    var value: Int { count.load(ordering: .relaxed) }
}

/// After this many audit-log requests a lying server gives up with a 400, so a test whose bound is missing fails instead of running for ever.
let patience = 500

@Suite("A lying source makes bounded work: pages, repeats and splits are limited, and what was committed stays")
struct LyingSourceTests {
    /// A guide server: the first window answers one honest page; every later request is `lie(request, page)`.
    private func guideFixture(_ lie: @escaping @Sendable (Request, Int) -> Response) async throws -> (HostileFixture, Counter) {
        let requests = Counter()
        let firstFrom = Timestamp.format(milliseconds: Timestamp.milliseconds(SimulatorFixture.start) - TimeSpan.days(2).milliseconds)
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("lying-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let count = requests.next()
                guard count < patience else { return HostileServer.json(.badRequest, #"{"message":"patience exhausted"}"#) }
                let page = request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1
                if request.uri.queryParameters["from"].map(String.init) == firstFrom {
                    return guidePage([guideEvent("honest-1", at: request)], page: 1, pageCount: 1, total: 1)
                }
                return lie(request, page)
            }
        }
        return (HostileFixture(server: server), requests)
    }

    /// Runs the two-day extraction and checks the first window stayed committed and the run failed.
    private func runFailing(_ fixture: HostileFixture, settings: ExtractionSettings? = nil) async throws -> ExtractionError? {
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 2, settings: settings)
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(try await warehouse.eventIDs() == ["honest-1"], "the first window stays committed, nothing of the second is stored")
        #expect(try await warehouse.runs().first?.status == "failed")
        return error
    }

    @Test("The same page served for ever (pageCount 10^9) fails at its second page, naming window and page")
    func samePageForEver() async throws {
        let (fixture, requests) = try await guideFixture { request, page in
            guidePage([guideEvent("same-1", at: request), guideEvent("same-2", at: request)], page: page, pageCount: 1_000_000_000, total: 4)
        }
        defer { Task { await fixture.tearDown() } }
        let error = try await runFailing(fixture)
        #expect(error?.underlying.code == .runawayPaging)
        #expect(error?.description.contains("page 2 of window [2026-09-30T00:00:00.000Z") == true, "\(error.map { "\($0)" } ?? "")")
        #expect(error?.description.contains("same page") == true)
        #expect(requests.value == 3)
    }

    @Test("Distinct pages without end stop at the documented maximum of pages per window")
    func pagesWithoutEnd() async throws {
        let (fixture, requests) = try await guideFixture { request, page in
            guidePage([guideEvent("p\(page)-a", at: request), guideEvent("p\(page)-b", at: request)], page: page, pageCount: 1_000_000_000, total: 4)
        }
        defer { Task { await fixture.tearDown() } }
        var settings = fixture.settings()
        settings.maxPagesPerWindow = 40
        let error = try await runFailing(fixture, settings: settings)
        #expect(error?.underlying.code == .runawayPaging)
        #expect(error?.description.contains("more than 40 pages") == true, "\(error.map { "\($0)" } ?? "")")
        #expect(requests.value == 42)
    }

    @Test("A total of 10^12 events fails the window at once instead of splitting it into seconds")
    func absurdTotal() async throws {
        let (fixture, requests) = try await guideFixture { _, page in
            guidePage([], page: page, pageCount: 1, total: 1_000_000_000_000)
        }
        defer { Task { await fixture.tearDown() } }
        let error = try await runFailing(fixture)
        #expect(error?.underlying.code == .tooManyEvents)
        #expect(error?.description.contains("window [2026-09-30T00:00:00.000Z, 2026-10-01T00:00:00.000Z)") == true)
        #expect(error?.description.contains("1000000000000 events") == true)
        #expect(requests.value == 2)
    }

    @Test("A negative total, down to -2^63, is no count: the window's events are read and stored, nothing crashes")
    func negativeTotal() async throws {
        let (fixture, _) = try await guideFixture { request, page in
            guidePage([guideEvent("after-negative-total", at: request)], page: page, pageCount: 1, total: Int.min)
        }
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(), warehouse: warehouse, pageSize: 2, settings: nil)
        _ = try await extractor.run()
        #expect(try await warehouse.eventIDs().contains("after-negative-total"))
        #expect(try await warehouse.runs().first?.status == "succeeded")
    }

    @Test("A busy but possible total splits the window no finer than a minute, and every part is read")
    func busyTotalSplitsToMinutes() async throws {
        let (fixture, requests) = try await guideFixture { request, page in
            // Claims 12,001 events for every window longer than a minute; each minute is honest and empty.
            let from = request.uri.queryParameters["from"].flatMap { Timestamp.parseMilliseconds(String($0)) } ?? 0
            let to = request.uri.queryParameters["to"].flatMap { Timestamp.parseMilliseconds(String($0)) } ?? 0
            return guidePage([], page: page, pageCount: 1, total: to - from > 60_000 ? 12_001 : 0)
        }
        defer { Task { await fixture.tearDown() } }
        var settings = fixture.settings(days: 1)
        settings.windowLength = .minutes(3)
        settings.firstRunLookback = .minutes(3)
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let summary = try await fixture.extractor(api: try fixture.api(), warehouse: warehouse, settings: settings).run()
        #expect(summary.windows == 3, "three one-minute windows")
        #expect(requests.value == 4)
    }

    @Test("The live dialect handing back the same results cursor fails the window, naming the results page")
    func liveCursorRepeated() async throws {
        let requests = Counter()
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("lying-token"))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/authorization/roles", use: HostileServer.emptyListing)
            router.get("/api/v2/organizations/authentication/settings") { _, _ in HostileServer.json(.ok, #"{"ipAddressAllowlist":[]}"#) }
            router.post("/api/v2/audits/query") { _, _ in HostileServer.json(.ok, #"{"id":"tx-1","state":"Queued"}"#) }
            router.get("/api/v2/audits/query/tx-1") { _, _ in HostileServer.json(.ok, #"{"id":"tx-1","state":"Succeeded"}"#) }
            router.get("/api/v2/audits/query/tx-1/results") { _, _ in
                guard requests.next() < patience else { return HostileServer.json(.badRequest, #"{"message":"patience exhausted"}"#) }
                return HostileServer.json(.ok, #"{"id":"tx-1","pageSize":2,"cursor":"always-the-same","entities":[]}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = Extractor(source: LiveSource(api: try fixture.api(), pageSize: 2, clock: fixture.clock), warehouse: warehouse,
                                  clock: fixture.clock, settings: fixture.settings(), logger: fixture.log.logger)
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .runawayPaging)
        #expect(error?.description.contains("cursor it gave before") == true, "\(error.map { "\($0)" } ?? "")")
        #expect(error?.description.contains("results page 2 of audit query 1 of 1") == true)
        #expect(requests.value == 2)
    }

    @Test("A client listing serving the same page for ever fails naming the listing and the page")
    func listingRepeated() async throws {
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("lying-token"))
            router.get("/api/v2/oauth/clients") { request, _ in
                let page = request.uri.queryParameters["pageNumber"].flatMap { Int($0) } ?? 1
                guard page < patience else { return HostileServer.json(.badRequest, #"{"message":"patience exhausted"}"#) }
                return HostileServer.json(.ok, #"{"entities":[{"id":"c-1","name":"one"}],"pageSize":1,"pageNumber":\#(page),"total":1000000000,"pageCount":1000000000}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let error = await #expect(throws: SourceError.self) { try await fixture.extractor(api: try fixture.api(), warehouse: warehouse).run() }
        #expect(error?.code == .runawayPaging)
        #expect(error?.description.contains("page 2 of GET /api/v2/oauth/clients (OAuth clients)") == true, "\(error.map { "\($0)" } ?? "")")
    }
}
