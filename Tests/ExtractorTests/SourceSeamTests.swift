import Extractor
import Foundation
import GRDB
import PartnerAuditCore
import Source
import Testing
import TestSupport
import Warehouse

/// A source of the extraction that reads nothing and fails, as a source whose service is down would.
private struct UnreachableSource: ExtractionSource {
    let name = SourceName(rawValue: "unreachable")
    struct Down: Error, CustomStringConvertible { var description: String { "the unreachable service did not answer" } }

    func plannedRange(since: Date?, until: Date?, now: Date) async throws -> TimeWindow {
        TimeWindow(last: .hours(1), endingAt: Timestamp.milliseconds(now))
    }

    func extract(_ range: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary {
        throw Down()
    }
}

@Suite("The sources seam: each source its own line in the run's record and its own checkpoint")
struct SourceSeamTests {
    @Test("The audit log's run has its own line, counted like the run, and its watermark is named after it")
    func auditLogLine() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 2)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse).run()

        let lines = try await warehouse.sourceRuns(runID: summary.runID)
        #expect(lines.map(\.source) == [.auditLog])
        #expect(lines.first?.status == "succeeded")
        #expect(lines.first?.itemsStored == summary.eventsStored)
        #expect(lines.first?.itemsSeen == summary.eventsSeen)
        #expect(lines.first?.windows == summary.windows)
        #expect(summary.sources.map(\.source) == [.auditLog])
        #expect(try await warehouse.watermark(of: .auditLog) == summary.range.toMillis)
        let names = try await DatabaseQueue(path: fixture.warehousePath).read { try String.fetchAll($0, sql: "SELECT name FROM checkpoint") }
        #expect(names == ["audit-log.watermark"])
    }

    @Test("A source that fails is recorded as failed; the sources after it still run and keep what they stored; the run fails with its error")
    func failingSource() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 2)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let platform = try fixture.auditSource()
        let auditLog = AuditLogSource(source: platform, warehouse: warehouse, clock: fixture.clock, settings: fixture.settings, logger: fixture.logger)
        let extractor = Extractor(platform: platform, sources: [UnreachableSource(), auditLog], warehouse: warehouse, clock: fixture.clock, logger: fixture.logger)

        let error = await #expect(throws: UnreachableSource.Down.self) { try await extractor.run() }
        #expect(error != nil)
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now), "the audit log ran after the failure")
        let run = try #require(try await warehouse.runs().first)
        #expect(run.status == "failed")
        #expect(run.error?.contains("did not answer") == true)
        let lines = try await warehouse.sourceRuns(runID: run.id)
        #expect(lines.map(\.source.rawValue) == ["unreachable", "audit-log"])
        #expect(lines.map(\.status) == ["failed", "succeeded"])
        #expect(lines[0].error == "the unreachable service did not answer")
        #expect(lines[1].itemsStored == fixture.expectedIDs(visibleAt: fixture.clock.now).count)
    }
}
