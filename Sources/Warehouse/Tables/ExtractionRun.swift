import Foundation
import GRDB
import PartnerAuditCore

// `extraction_run`: one row per run of `extract`, with its counters and how it ended.

extension Warehouse {
    /// Records the start of an extraction run and returns its id.
    package func startRun(dialect: SourceDialect, range: TimeWindow, at now: Date) async throws -> Int64 {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO extraction_run (started_at, dialect, since, until) VALUES (?, ?, ?, ?)",
                arguments: [Timestamp.format(now), dialect.rawValue, Timestamp.format(milliseconds: range.fromMillis), Timestamp.format(milliseconds: range.toMillis)])
            return db.lastInsertedRowID
        }
    }

    /// Adds requests made outside any window (token, client snapshot) to the run's count.
    package func addRequests(runID: Int64, _ count: Int, clients: Int? = nil) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE extraction_run SET requests = requests + ?, clients = coalesce(?, clients) WHERE id = ?",
                           arguments: [count, clients, runID])
        }
    }

    /// Marks a run finished: `succeeded`, or `failed` with the reason.
    package func finishRun(_ runID: Int64, error: String?, at now: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE extraction_run SET finished_at = ?, status = ?, error = ? WHERE id = ?",
                arguments: [Timestamp.format(now), Self.finishedStatus(error: error), error.map(ErrorText.capped), runID])
        }
    }

    /// How a run, or a source's part of one, ended: `succeeded`, or `failed` with `error`.
    static func finishedStatus(error: String?) -> String { error == nil ? "succeeded" : "failed" }

    /// Every extraction run, newest first.
    package func runs() async throws -> [ExtractionRunSummary] {
        try await database.read { db in
            try ExtractionRunSummary.order(ExtractionRunSummary.Columns.id.desc).fetchAll(db)
        }
    }
}

/// One row of `extraction_run`.
package struct ExtractionRunSummary: Sendable, Equatable, FetchableRecord, TableRecord {
    package static let databaseTableName = "extraction_run"

    package enum Columns {
        static let id = Column("id")
    }

    package var id: Int64
    package var status: String
    package var windows: Int
    package var pages: Int
    package var requests: Int
    package var eventsSeen: Int
    package var eventsStored: Int
    package var error: String?

    package init(row: Row) throws {
        id = row["id"]
        status = row["status"]
        windows = row["windows"]
        pages = row["pages"]
        requests = row["requests"]
        eventsSeen = row["events_seen"]
        eventsStored = row["events_stored"]
        error = row["error"]
    }
}
