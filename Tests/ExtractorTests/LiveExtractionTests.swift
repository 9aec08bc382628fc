import Extractor
import Foundation
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

@Suite("Live-dialect extraction over loopback HTTP from the simulator")
struct LiveExtractionTests {
    @Test("A 75-day window is read as three audit queries of at most 31 days; the failed transaction is submitted again")
    func longWindowIsSplitAndFailedQueryRetried() async throws {
        let fixture = try await SimulatorFixture(scale: 3_000, days: 80, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        var settings = fixture.settings
        settings.windowLength = .days(76)
        let until = SimulatorFixture.start
        let since = until.addingTimeInterval(-75 * 86_400)
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse, settings: settings).run(since: since, until: until)

        let stats = fixture.simulator.stats
        #expect(summary.sources.first { $0.source == .auditLog }?.windows == 1)
        #expect(stats.failedTransactions == 1, "the simulator fails its second transaction once")
        #expect(stats.queriesSubmitted == 4, "three intervals, one of them submitted twice")
        #expect(stats.badRequests == 0, "no interval longer than 31 days was asked for")
        let expected = fixture.organization.eventIDs(visibleAt: fixture.clock.now, from: since, to: until)
        #expect(Set(try await warehouse.eventIDs()) == Set(expected))
    }

    @Test("Results behind a redirect are read from the download host, which never sees the bearer token")
    func redirectWithoutBearer() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 10, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        _ = try await fixture.extractor(warehouse: warehouse, pageSize: 50).run()

        let stats = fixture.simulator.stats
        #expect(stats.redirectsServed > 0)
        #expect(stats.downloadRequests >= stats.redirectsServed)
        #expect(stats.downloadRequestsWithAuthorization == 0)
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("With 429s and 5xx answers, cancelled mid-paging and restarted, a live extract stores exactly the simulator's events")
    func faultsAndRestartsGiveTheExactSet() async throws {
        let fixture = try await SimulatorFixture(scale: 8_000, days: 10, faults: "429=0.05,5xx=0.05", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        for round in 1...3 {
            let windows = Atomic(0)
            let handle = Mutex<Task<ExtractionSummary, any Error>?>(nil)
            let extractor = try fixture.extractor(warehouse: warehouse, pageSize: 40) { _ in
                // Cancelling here lands while the next window is being paged by cursor (it is fetched ahead).
                if windows.add(1, ordering: .relaxed).newValue == round * 3 { handle.withLock { $0?.cancel() } }
            }
            let task = Task { try await extractor.run() }
            handle.withLock { $0 = task }
            _ = try? await task.value
        }
        _ = try await fixture.extractor(warehouse: warehouse, pageSize: 40).run()
        let stored = try await warehouse.eventIDs()
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(Set(stored) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(fixture.simulator.stats.rateLimited > 0)
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("A missing permission (403) fails the run naming the endpoint and the permission it needs", arguments: [
        ("/api/v2/audits/query", "audits:audit:view"), ("/api/v2/authorization/roles", "authorization:role:view"),
        ("/api/v2/organizations/", "authentication settings"),
    ])
    func forbidden(path: String, permission: String) async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 3, faults: "forbid=\(path)", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let extractor = try fixture.extractor(warehouse: try fixture.warehouse())
        let error = await #expect(throws: (any Error).self) { try await extractor.run() }
        let source = (error as? ExtractionError)?.underlying ?? (error as? SourceError)
        #expect(source?.code == .forbidden, "\(String(describing: error))")
        #expect("\(String(describing: error))".contains(path))
        #expect("\(String(describing: error))".contains(permission))
        #expect(fixture.simulator.stats.forbidden == 1, "a 403 is not retried")
    }

    @Test("Where the authentication settings answer 404, the allowlist comes from networkWhitelist and binds every client")
    func legacyAllowlist() async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 3, faults: "legacyallowlist", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        _ = try await fixture.extractor(warehouse: warehouse).run()
        let clients = try await warehouse.clients(asOf: Timestamp.milliseconds(fixture.clock.now))
        #expect(clients.count == fixture.organization.clients.count)
        #expect(clients.allSatisfy { $0.ipAllowlist == fixture.organization.organizationAllowlist && $0.ipAllowlistScope == .organization })
    }

    @Test("The live API gives no total per query, so a window read past twice the limit is split by the density seen, and nothing is lost")
    func windowsWithoutTotalsAreSplit() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 4, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        var settings = fixture.settings
        settings.windowLength = .days(4) + .hours(2)
        // The live log holds no API requests, so about a fifth of the guide's events: a lower limit splits it as often.
        settings.maxEventsPerWindow = 100
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse, settings: settings).run()
        #expect(summary.windows > 6, "one long window became several")
        let largest = try ReadOnlyQuery.run("SELECT max(events_seen) FROM extraction_windows", warehouse: fixture.warehousePath)
        #expect(Int(largest.rows.first?[0] ?? "") ?? .max <= 2 * 100 + 100, "no committed window holds far more than the limit")
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
    }

    @Test("An audit query that fails again after its one resubmission fails the run naming the interval")
    func queryFailingTwice() async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 3, faults: "failqueries", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let extractor = try fixture.extractor(warehouse: try fixture.warehouse())
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .queryFailed)
        #expect(error?.description.contains("ended Failed twice") == true)
        #expect(error?.description.contains("for [") == true, "the interval is named")
        #expect(fixture.simulator.stats.queriesSubmitted == 2, "submitted once more, not again and again")
    }
}
