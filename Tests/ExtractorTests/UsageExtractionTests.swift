import Extractor
import Foundation
import GRDB
import PartnerAuditCore
import Source
import Testing
import TestSupport
import Warehouse

@Suite("The API Usage service as a source of the live extraction, over loopback HTTP from the simulator")
struct UsageExtractionTests {
    /// Every usage row of the simulated organisation, as its usage service answers now.
    private func expectedRows(_ fixture: SimulatorFixture) -> [APIUsageRow] {
        fixture.organization.usageRows(from: fixture.organization.rangeStart.addingTimeInterval(-86_400), to: fixture.clock.now,
                                       visibleAt: fixture.clock.now)
    }

    private func storedRows(_ fixture: SimulatorFixture) throws -> Int {
        try DatabaseQueue(path: fixture.warehousePath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM api_usage_row") ?? -1 }
    }

    /// Every day the simulated organisation's traffic can fall on.
    private var everything: TimeWindow {
        let start = Timestamp.milliseconds(SimulatorFixture.start)
        return TimeWindow(fromMillis: start - .days(400), toMillis: start + .day)
    }

    @Test("With 429s and 5xx answers, every usage row is stored exactly once, polls are counted, and a re-run adds none")
    func everyRowOnceUnderFaults() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 10, faults: "429=0.08,5xx=0.08", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse).run()

        let expected = expectedRows(fixture)
        #expect(expected.count > 100)
        #expect(expected.contains { $0.figures.status429 > 0 } && expected.contains { $0.figures.status400 > $0.figures.status429 })
        let stored = try await warehouse.usageRows(in: everything)
        #expect(Set(stored) == Set(expected), "missing \(Set(expected).subtracting(stored).prefix(3)); unexpected \(Set(stored).subtracting(expected).prefix(3))")
        #expect(stored.count == expected.count)
        #expect(try storedRows(fixture) == expected.count, "no row twice")
        #expect(summary.rateLimited > 0, "the faults were met")

        let usage = try #require(summary.sources.first { $0.source == .apiUsage })
        #expect(usage.itemsStored == expected.count)
        #expect(usage.windows == 3, "ten final days in queries of seven, then the days not yet final")
        let stats = fixture.simulator.stats
        #expect(stats.usageQueriesSubmitted >= 3)
        #expect(stats.usagePollsRunning >= 3, "each query was first answered Running and polled again")
        #expect(usage.pages >= 2 * usage.windows, "every poll counted")
        let line = try #require(try await warehouse.sourceRuns(runID: summary.runID).first { $0.source == .apiUsage })
        #expect(line.status == "succeeded" && line.requests >= usage.pages)

        // The checkpoint stands at the first day not yet final: yesterday (the run is at 01:00 on the organisation's last day + 1).
        #expect(try await warehouse.watermark(of: .apiUsage) == Timestamp.milliseconds(SimulatorFixture.start) - .day)

        let again = try await fixture.extractor(warehouse: warehouse).run()
        #expect(again.sources.first { $0.source == .apiUsage }?.itemsStored == 0)
        #expect(again.sources.first { $0.source == .apiUsage }?.windows == 1, "only the days not yet final are read again")
        #expect(try storedRows(fixture) == expected.count)
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("A day not yet final whose figures grew is stored again; the api_usage view shows the latest figures")
    func grownFiguresAreANewRow() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 5, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let lastDay = SimulatorFixture.start.addingTimeInterval(-86_400)
        let midday = lastDay.addingTimeInterval(12 * 3600)
        // A backfill to midday of the last day: that day's figures as they stood then.
        _ = try await fixture.extractor(warehouse: warehouse).run(since: fixture.organization.rangeStart, until: midday)
        let partial = try await warehouse.usageRows(in: everything)
        #expect(try await warehouse.watermark(of: .apiUsage) == nil, "a backfill moves no checkpoint")

        _ = try await fixture.extractor(warehouse: warehouse).run()
        let expected = expectedRows(fixture)
        #expect(Set(try await warehouse.usageRows(in: everything)) == Set(expected))
        let day = TimeBucket.day.label(of: Timestamp.milliseconds(lastDay))
        let partialByKey = Dictionary(partial.map { ("\($0.clientID) \($0.templateURI) \($0.method) \($0.day)", $0) }, uniquingKeysWith: { a, _ in a })
        let grown = expected.filter { row in
            partialByKey["\(row.clientID) \(row.templateURI) \(row.method) \(row.day)"].map { $0.figures != row.figures } ?? false
        }
        #expect(!grown.isEmpty && grown.allSatisfy { $0.day == day }, "only the last day's figures grew")
        let new = expected.filter { partialByKey["\($0.clientID) \($0.templateURI) \($0.method) \($0.day)"] == nil }
        #expect(try storedRows(fixture) == partial.count + grown.count + new.count)

        let sample = try #require(grown.first)
        let view = try ReadOnlyQuery.run("SELECT requests FROM api_usage WHERE client_id = '\(sample.clientID)' AND template_uri = '\(sample.templateURI)' AND method = '\(sample.method)' AND day = '\(day)'",
                                         warehouse: fixture.warehousePath)
        #expect(view.rows == [[String(sample.figures.requests)]])
        #expect(try await warehouse.verifyChain().isIntact)
    }
}
