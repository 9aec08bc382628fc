import Foundation
import GRDB
import PartnerAuditCore

// `extraction_source`: each source's line in a run's record — what it read, what it stored,
// how it ended. Its checkpoints are named after it (`Checkpoint.swift`).

/// The name of a source of the extraction: its line in a run's record and its checkpoints.
package struct SourceName: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    /// The platform's audit log, in either dialect.
    package static let auditLog = SourceName(rawValue: "audit-log")
    /// The live platform's API Usage service.
    package static let apiUsage = SourceName(rawValue: "api-usage")
    /// The partner gateway's access logs.
    package static let gateway = SourceName(rawValue: "gateway")

    package var description: String { rawValue }
}

/// One source's line in a run's record.
package struct SourceRunRecord: Sendable, Equatable, FetchableRecord, TableRecord {
    package static let databaseTableName = "extraction_source"

    package enum Columns {
        static let runID = Column("run_id")
    }

    package var runID: Int64
    package var source: SourceName
    /// `running`, `succeeded`, `failed`, or `unavailable` (the platform would not give it; `error` says why).
    package var status: String
    package var since: String
    package var until: String
    package var windows: Int
    package var pages: Int
    package var requests: Int
    /// What the source returned (duplicates included), and what was new.
    package var itemsSeen: Int
    package var itemsStored: Int
    package var error: String?

    package init(row: Row) throws {
        runID = row["run_id"]
        source = SourceName(rawValue: row["source"])
        status = row["status"]
        since = row["since"]
        until = row["until"]
        windows = row["windows"]
        pages = row["pages"]
        requests = row["requests"]
        itemsSeen = row["items_seen"]
        itemsStored = row["items_stored"]
        error = row["error"]
    }
}

extension Warehouse {
    /// Records that `source` starts reading `range` in run `runID`.
    package func startSource(_ source: SourceName, runID: Int64, range: TimeWindow, at now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO extraction_source (run_id, source, started_at, since, until) VALUES (?, ?, ?, ?, ?)
                """, arguments: StatementArguments([runID, source.rawValue, Timestamp.format(now)] + range.sqlValues))
        }
    }

    /// Marks `source`'s line of run `runID` finished: `succeeded`, or `failed` with the reason.
    package func finishSource(_ source: SourceName, runID: Int64, error: String?, at now: Date) async throws {
        try await finishSource(source, runID: runID, status: Self.finishedStatus(error: error), note: error, at: now)
    }

    /// Marks `source`'s line of run `runID` `unavailable`: the platform would not give it (a
    /// forbidden optional read). The run goes on; the source's rules are not testable.
    package func finishSource(_ source: SourceName, runID: Int64, unavailable reason: String, at now: Date) async throws {
        try await finishSource(source, runID: runID, status: "unavailable", note: reason, at: now)
    }

    private func finishSource(_ source: SourceName, runID: Int64, status: String, note: String?, at now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE extraction_source SET finished_at = ?, status = ?, error = ? WHERE run_id = ? AND source = ?
                """, arguments: [Timestamp.format(now), status, note.map(ErrorText.capped), runID, source.rawValue])
        }
    }

    /// The dialects and the sources of the runs whose range overlaps `window` (a source the
    /// platform would not give excepted), and each source whose latest line there says the
    /// platform would not give it: what the evaluation of that stretch can rest on.
    package func extractedSources(overlapping window: TimeWindow) async throws -> ExtractedSources {
        let (from, to) = (Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis))
        return try await database.read { db in
            let dialects = try String.fetchSet(db, sql: "SELECT DISTINCT dialect FROM extraction_run WHERE since < ? AND until > ?", arguments: [to, from])
            var extracted = ExtractedSources(dialects: Set(dialects.compactMap(SourceDialect.init(rawValue:))))
            let lines = try Row.fetchAll(db, sql: """
                SELECT source.source, source.status, source.error FROM extraction_source AS source JOIN extraction_run AS run ON run.id = source.run_id
                WHERE run.since < ? AND run.until > ? ORDER BY source.run_id
                """, arguments: [to, from])
            for line in lines {
                let source = SourceName(rawValue: line["source"])
                if line["status"] as String == "unavailable" {
                    extracted.unavailable[source] = line["error"] ?? "the platform would not give it"
                } else {
                    extracted.sources.insert(source)
                    extracted.unavailable[source] = nil
                }
            }
            return extracted
        }
    }

    /// Every source's line of run `runID`, in the order they started.
    package func sourceRuns(runID: Int64) async throws -> [SourceRunRecord] {
        try await database.read { db in
            try SourceRunRecord.filter(SourceRunRecord.Columns.runID == runID).order(Column.rowID).fetchAll(db)
        }
    }

    /// Adds one committed window to `source`'s line of the run (inside the window's transaction).
    static func countWindow(_ db: Database, source: SourceName, runID: Int64, pages: Int, requests: Int, seen: Int, stored: Int) throws {
        try db.cachedStatement(sql: """
            UPDATE extraction_source SET windows = windows + 1, pages = pages + ?, requests = requests + ?,
                items_seen = items_seen + ?, items_stored = items_stored + ? WHERE run_id = ? AND source = ?
            """).execute(arguments: [pages, requests, seen, stored, runID, source.rawValue])
    }
}

/// What the extraction of a stretch rested on: the dialects spoken and the sources read.
package struct ExtractedSources: Sendable, Equatable {
    package var dialects: Set<SourceDialect>
    package var sources: Set<SourceName>
    /// Each source the latest run that read it could not read (a forbidden optional read), with why.
    package var unavailable: [SourceName: String] = [:]

    package init(dialects: Set<SourceDialect> = [], sources: Set<SourceName> = [], unavailable: [SourceName: String] = [:]) {
        self.dialects = dialects
        self.sources = sources
        self.unavailable = unavailable
    }

    /// Whether `source` was read in the stretch and its latest run could still read it.
    package func holds(_ source: SourceName) -> Bool { sources.contains(source) && unavailable[source] == nil }

    /// Whether only the live platform was read (no guide-dialect run in the stretch).
    package var isLiveOnly: Bool { dialects == [.live] }
}
