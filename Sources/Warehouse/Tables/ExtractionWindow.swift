import Foundation
import GRDB
import PartnerAuditCore

// `extraction_window`: every window an extraction committed or failed, the coverage evidence
// and the chain heads it recorded.

/// One extraction window as coverage evidence.
package struct CoverageWindow: Sendable, Hashable {
    package var fromMillis: Int64
    package var toMillis: Int64
    package var complete: Bool
    package var error: String?
    package var runID: Int64
    package var events: Int
    package var finishedAt: String
    /// Events of a complete window the source sent that could not be read, left out.
    package var rejected: [RejectedEvent] = []
}

/// Where the hash chain stood: a row number and that row's hash (hex).
package struct ChainMark: Sendable, Hashable {
    package var seq: Int64
    package var head: String
    /// The extraction window that recorded it, when it came from one.
    package var windowID: Int64?
}

extension Warehouse {
    /// Records a window that could not be extracted; none of its events were stored.
    package func recordFailedWindow(runID: Int64, window: TimeWindow, pages: Int, error: String, at now: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO extraction_window (run_id, from_ts, to_ts, status, pages, finished_at, error) VALUES (?, ?, ?, 'failed', ?, ?, ?)",
                arguments: [runID, Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis), pages, Timestamp.format(now), ErrorText.capped(error)])
        }
    }

    /// Every audit-log extraction window that overlaps `window`, oldest first (a gateway batch's
    /// window is not coverage of the audit log).
    package func coverage(of window: TimeWindow) async throws -> [CoverageWindow] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT from_ts, to_ts, status, error, run_id, events_stored, finished_at, rejected_json FROM extraction_window
                WHERE source = 'audit-log' AND to_ts > ? AND from_ts < ? ORDER BY from_ts, id
                """, arguments: window.sqlArguments).compactMap { row in
                guard let from = Timestamp.parseMilliseconds(row["from_ts"] as String),
                      let to = Timestamp.parseMilliseconds(row["to_ts"] as String) else { return nil }
                return CoverageWindow(fromMillis: from, toMillis: to, complete: (row["status"] as String) == "complete",
                                      error: row["error"], runID: row["run_id"], events: row["events_stored"], finishedAt: row["finished_at"],
                                      rejected: RejectedEvent.decoding(row["rejected_json"]))
            }
        }
    }

    /// The start of the earliest complete audit-log extraction window; `nil` before any.
    package func coverageStart() async throws -> Int64? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT min(from_ts) FROM extraction_window WHERE source = 'audit-log' AND status = 'complete'")
                .flatMap(Timestamp.parseMilliseconds)
        }
    }

    /// The chain as the last complete extraction window overlapping the window recorded it:
    /// the head that seals the period's evidence. `nil` when no such window stored events.
    package func chainMark(sealing window: TimeWindow) async throws -> ChainMark? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, chain_seq, chain_head FROM extraction_window
                WHERE status = 'complete' AND chain_seq > 0 AND to_ts > ? AND from_ts < ?
                ORDER BY chain_seq DESC, id DESC LIMIT 1
                """, arguments: window.sqlArguments) else { return nil }
            // Read as stored: a head or row of another kind (re-stored behind the tool's back, which
            // verify names) seals nothing, and must not trap the pack that shows the break.
            guard let seq = Int64.fromDatabaseValue(row["chain_seq"]), let head = Data.fromDatabaseValue(row["chain_head"]),
                  let windowID = Int64.fromDatabaseValue(row["id"]) else { return nil }
            return ChainMark(seq: seq, head: head.hex, windowID: windowID)
        }
    }
}
