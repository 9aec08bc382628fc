import Extractor
import Foundation
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

@Suite("Live extraction in 31-day audit queries, each day committed with its checkpoint")
struct LongQueryTests {
    /// Day windows over the fixture's whole organisation, one query at a time (so its longest).
    private static func daily(_ fixture: SimulatorFixture) -> ExtractionSettings {
        var settings = fixture.settings
        settings.windowLength = .day
        settings.concurrency = 1
        return settings
    }

    @Test("A 90-day first run, one query at a time, submits three audit queries and commits 91 day windows, contiguous, each event in its own")
    func ninetyDaysInThreeQueries() async throws {
        let fixture = try await SimulatorFixture(scale: 20_000, days: 90, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse, settings: Self.daily(fixture)).run()

        let stats = fixture.simulator.stats
        #expect(stats.queriesSubmitted == 4, "31 + 31 + 29 days, the second submitted twice (the simulator fails it once)")
        #expect(stats.badRequests == 0)
        let auditLog = try #require(summary.sources.first { $0.source == .auditLog })
        #expect(auditLog.windows == 91, "90 days and an hour, less the lag, in day windows")
        let windows = try ReadOnlyQuery.run(
            "SELECT from_ts, to_ts FROM extraction_window WHERE status = 'complete' ORDER BY id", warehouse: fixture.warehousePath).rows
        #expect(windows.count == 91)
        #expect(zip(windows, windows.dropFirst()).allSatisfy { $0[1] == $1[0] }, "each window starts where the one before ended")
        let misfiled = try ReadOnlyQuery.run("""
            SELECT count(*) FROM event_log e JOIN extraction_window w ON w.id = e.window_id
            WHERE e.timestamp < w.from_ts OR e.timestamp >= w.to_ts
            """, warehouse: fixture.warehousePath)
        #expect(misfiled.rows.first?[0] == "0", "every event was committed with the window it falls in")
        #expect(try await warehouse.watermark().map(Timestamp.format(milliseconds:)) == windows.last?[1] ?? nil)
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(try await warehouse.verifyChain().isIntact)
        // Three queries, a poll each, and the result pages, a redirected one with its download.
        #expect(auditLog.minimumRequests == 2 * 3 + auditLog.pages + stats.redirectsServed)
        #expect(summary.minimumRequests == summary.fixedRequests + summary.sources.reduce(0) { $0 + $1.minimumRequests })
    }

    @Test("Cancelled in the middle of a 31-day query, a resumed run (one query at a time) submits from its last committed day and stores exactly the events")
    func resumesFromTheLastCommittedDay() async throws {
        let fixture = try await SimulatorFixture(scale: 20_000, days: 90, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let handle = Mutex<Task<ExtractionSummary, any Error>?>(nil)
        let extractor = try fixture.extractor(warehouse: warehouse, settings: Self.daily(fixture)) { progress in
            // Day 40 lies in the second query: its results are being read by cursor.
            if progress.index == 40 { handle.withLock { $0?.cancel() } }
        }
        let task = Task { try await extractor.run() }
        handle.withLock { $0 = task }
        _ = try? await task.value
        let watermark = try #require(try await warehouse.watermark())
        let submittedBefore = fixture.simulator.stats.queriesSubmitted
        let remaining = Timestamp.milliseconds(fixture.clock.now) - watermark
        #expect(remaining > TimeSpan.days(40).milliseconds && remaining < TimeSpan.days(51).milliseconds, "stopped after day 40 and before day 41 ended")

        _ = try await fixture.extractor(warehouse: warehouse, settings: Self.daily(fixture)).run()
        #expect(fixture.simulator.stats.queriesSubmitted - submittedBefore == 2, "about 50 days left: two queries from the last committed day")
        let stored = try await warehouse.eventIDs()
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(Set(stored) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("A day busier than the limit is cut where its results pass the limit, without asking again, and nothing is lost")
    func busyDaysAreCutWithoutRequery() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 4, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        var settings = Self.daily(fixture)
        settings.maxEventsPerWindow = 100
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse, settings: settings).run()
        #expect(summary.windows > 8, "five days became more windows")
        #expect(fixture.simulator.stats.queriesSubmitted == 1, "one query for the four days and an hour")
        let largest = try ReadOnlyQuery.run("SELECT max(events_seen) FROM extraction_windows", warehouse: fixture.warehousePath)
        #expect(Int(largest.rows.first?[0] ?? "") ?? .max <= 200, "no committed window holds more than twice the limit")
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
    }

    @Test("After the first query, each is first polled about as long as the last ones ran, not every few milliseconds")
    func pollsFitTheQueriesRunTime() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 40, dialect: .live, querySeconds: 20)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        var settings = Self.daily(fixture)
        settings.concurrency = 1  // one query at a time, so each can learn from the one before
        // The audit log alone: the usage source's polls, side by side, would move the shared
        // manual clock between the audit queries' polls and make their waits depend on scheduling.
        _ = try await fixture.extractor(warehouse: warehouse, settings: settings, readsUsage: false).run()
        let stats = fixture.simulator.stats
        #expect(stats.queriesSubmitted == 3, "31 + 9 days, the second submitted twice")
        // The first query is polled from at once up to its 20 s (11 polls); the two after it, each first
        // polled after about 20 s, need the simulator's three (Queued, Running, then done).
        #expect(stats.queryPolls <= 11 + 4 + 4, "polled \(stats.queryPolls) times")
        #expect(fixture.clock.sleeps.contains { $0 >= .seconds(15) }, "a later query was first polled after about the run time")
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
    }
}

@Suite("Live audit queries read side by side under one budget, windows committed in order")
struct ConcurrentReadTests {
    /// The audit queries the simulator had accepted when the first window was committed, and the run's summary.
    private static func firstRun(concurrency: Int) async throws -> (submittedAtFirstCommit: Int, windows: [[String?]], matches: Bool) {
        let fixture = try await SimulatorFixture(scale: 20_000, days: 90, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        var settings = fixture.settings
        settings.windowLength = .day
        settings.concurrency = concurrency
        let submitted = Atomic(0)
        let simulator = fixture.simulator
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse, settings: settings) { progress in
            if progress.index == 1 { submitted.store(simulator.stats.queriesSubmitted, ordering: .relaxed) }
        }.run()
        let windows = try ReadOnlyQuery.run(
            "SELECT from_ts, to_ts FROM extraction_window WHERE status = 'complete' ORDER BY id", warehouse: fixture.warehousePath).rows
        let matches = Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now)
        let intact = try await warehouse.verifyChain().isIntact
        let minimum = summary.sources.first { $0.source == .auditLog }?.minimumRequests ?? 0
        let pages = summary.sources.first { $0.source == .auditLog }?.pages ?? 0
        let counted = minimum == 2 * 3 + pages + fixture.simulator.stats.redirectsServed
        return (submitted.load(ordering: .relaxed), windows, matches && intact && counted)
    }

    @Test("With concurrency 4 a 90-day run is four reads of 23 days, all under way before its first day is committed; with 1, one at a time; both commit the same days in order and count three queries as the fewest")
    func queriesRunSideBySide() async throws {
        let side = try await Self.firstRun(concurrency: 4)
        let single = try await Self.firstRun(concurrency: 1)
        #expect(side.submittedAtFirstCommit >= 4, "all four queries submitted while the first was read")
        #expect(single.submittedAtFirstCommit == 1)
        #expect(side.windows == single.windows, "the same windows, committed in the same order")
        #expect(zip(side.windows, side.windows.dropFirst()).allSatisfy { $0[1] == $1[0] })
        #expect(side.matches && single.matches, "every event once, the chain intact, the fewest possible from the range's three 31-day queries")
    }
}
