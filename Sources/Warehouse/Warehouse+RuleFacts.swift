import Foundation
import GRDB
import PartnerAuditCore

/// Calls of one client grouped by the scope recorded on them, or by method and path when none was.
package struct ScopeUsageRow: Sendable, Hashable {
    package var clientID: String
    package var scope: String?
    package var method: String?
    package var path: String?
    package var count: Int
}

/// A client's traffic from one source IP, by action and whether it got through.
package struct SourceUsageRow: Sendable, Hashable {
    package var clientID: String
    package var sourceIP: String
    /// One of `AuditAction.traffic`.
    package var action: AuditAction
    /// Whether the platform let it through (a success outcome and, for requests, a status below 400).
    package var allowed: Bool
    package var count: Int
}

/// How many matching events one client had in one time bucket (an hour or a day).
package struct BucketCount: Sendable, Hashable {
    package var clientID: String
    /// `2026-09-30T14` for an hour, `2026-09-30` for a day.
    package var bucket: String
    package var count: Int
}

/// An audit event that changed an OAuth client.
package struct ClientChangeEvent: Sendable, Hashable {
    package var eventID: String
    package var timestamp: String
    /// The admin who made the change.
    package var actorID: String
    /// One of `AuditAction.clientChanges`.
    package var action: AuditAction
    /// The client changed.
    package var clientID: String
    /// `details.changes`: `{field: {"old": …, "new": …}}`, when present.
    package var changes: JSONValue?
}

/// One extraction window as coverage evidence.
package struct CoverageWindow: Sendable, Hashable {
    package var fromMillis: Int64
    package var toMillis: Int64
    package var complete: Bool
    package var error: String?
    package var runID: Int64
    package var events: Int
    package var finishedAt: String
}

// MARK: - Aggregates the rules read

/// The aggregate queries of the rule engine: SQL does the heavy lifting, so an evaluation
/// never loads the events themselves, only counts grouped by client.
extension Warehouse {
    /// Streams `api.request` calls by partner clients in the window, grouped by recorded scope,
    /// method and path (the last two only when no scope was recorded).
    package func scopeUsage(in window: TimeWindow, _ visit: @escaping @Sendable (ScopeUsageRow) -> Void) async throws {
        try await database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT actor_id, scope, CASE WHEN scope IS NULL THEN method END AS method,
                       CASE WHEN scope IS NULL THEN path END AS path, count(*) AS n
                FROM event_log
                WHERE \(EventPredicate.partnerRequest.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2, 3, 4
                """, arguments: window.sqlArguments)
            while let row = try rows.next() {
                visit(ScopeUsageRow(clientID: row["actor_id"], scope: row["scope"], method: row["method"], path: row["path"], count: row["n"]))
            }
        }
    }

    /// Streams partner clients' requests and token events in the window, grouped by source IP.
    package func sourceUsage(in window: TimeWindow, _ visit: @escaping @Sendable (SourceUsageRow) -> Void) async throws {
        try await database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT actor_id, source_ip, action, (outcome = \(Outcome.success.sqlLiteral) AND coalesce(status, 200) < 400) AS allowed,
                       count(*) AS n
                FROM event_log
                WHERE \(EventPredicate.partnerTraffic.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2, 3, 4
                """, arguments: window.sqlArguments)
            while let row = try rows.next() {
                visit(SourceUsageRow(clientID: row["actor_id"], sourceIP: row["source_ip"], action: AuditAction(text: row["action"]), allowed: row["allowed"], count: row["n"]))
            }
        }
    }

    /// Each client's last event (as actor, or as the subject of a token event) before `moment`.
    package func lastActivity(before moment: Int64) async throws -> [String: String] {
        try await database.read { db in
            var last: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT actor_id, max(timestamp) AS last FROM event_log
                WHERE \(byPartnerApp) AND timestamp < ? GROUP BY actor_id
                """, arguments: [Timestamp.format(milliseconds: moment)]) {
                last[row["actor_id"]] = row["last"]
            }
            return last
        }
    }

    /// The `bucket`s in which a partner app had at least `threshold` events that `predicate`
    /// selects (AN-1: denials an hour; AN-2: 429s a day), by client then bucket.
    package func partnerBuckets(
        _ bucket: TimeBucket, of predicate: EventPredicate, in window: TimeWindow, threshold: Int
    ) async throws -> [BucketCount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT actor_id, substr(timestamp, 1, \(bucket.labelLength)) AS bucket, count(*) AS n FROM event_log
                WHERE \(byPartnerApp) AND \(predicate.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2 HAVING n >= ? ORDER BY 1, 2
                """, arguments: window.sqlArguments + [threshold]).map {
                BucketCount(clientID: $0["actor_id"], bucket: $0["bucket"], count: $0["n"])
            }
        }
    }

    /// Every create, update, delete and secret rotation of an OAuth client in the window, oldest first.
    package func clientChangeEvents(in window: TimeWindow) async throws -> [ClientChangeEvent] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, timestamp, actor_id, action, resource_id, json_extract(raw_json, '$.details.changes') AS changes
                FROM event_log
                WHERE \(EventPredicate.clientChange.sql) AND timestamp >= ? AND timestamp < ?
                ORDER BY timestamp, id
                """, arguments: window.sqlArguments).map { row in
                let changes: String? = row["changes"]
                return ClientChangeEvent(
                    eventID: row["id"], timestamp: row["timestamp"], actorID: row["actor_id"], action: AuditAction(text: row["action"]),
                    clientID: row["resource_id"] ?? "", changes: changes.flatMap { try? JSONParser.parse($0) })
            }
        }
    }

    /// The last secret rotation event of each client before `moment`.
    package func lastSecretRotations(before moment: Int64) async throws -> [String: String] {
        try await database.read { db in
            var last: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT resource_id, max(timestamp) AS last FROM event_log
                WHERE action = \(AuditAction.clientSecretRotated.sqlLiteral) AND resource_id IS NOT NULL AND timestamp < ?
                GROUP BY resource_id
                """, arguments: [Timestamp.format(milliseconds: moment)]) {
                last[row["resource_id"]] = row["last"]
            }
            return last
        }
    }

    /// Every extraction window that overlaps `window`, oldest first.
    package func coverage(of window: TimeWindow) async throws -> [CoverageWindow] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT from_ts, to_ts, status, error, run_id, events_stored, finished_at FROM extraction_window
                WHERE to_ts > ? AND from_ts < ? ORDER BY from_ts, id
                """, arguments: window.sqlArguments).compactMap { row in
                guard let from = Timestamp.parseMilliseconds(row["from_ts"] as String),
                      let to = Timestamp.parseMilliseconds(row["to_ts"] as String) else { return nil }
                return CoverageWindow(fromMillis: from, toMillis: to, complete: (row["status"] as String) == "complete",
                                      error: row["error"], runID: row["run_id"], events: row["events_stored"], finishedAt: row["finished_at"])
            }
        }
    }

    /// The client snapshots valid at `moment` (the latest snapshot observed at or before it).
    package func clients(asOf moment: Int64) async throws -> [ClientSnapshot] {
        let text = Timestamp.format(milliseconds: moment)
        return try await database.read { db in
            ClientSnapshot.decode(try Row.fetchAll(db, sql: """
                SELECT * FROM client_snapshot WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY client_id
                """, arguments: [text, text]))
        }
    }

    /// Every snapshot valid at some time in the window (the grants held during a period), oldest first.
    package func clientSnapshots(during window: TimeWindow) async throws -> [(validFrom: String, validTo: String?, client: ClientSnapshot)] {
        try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM client_snapshot WHERE valid_from < ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY client_id, seq
                """, arguments: [Timestamp.format(milliseconds: window.toMillis), Timestamp.format(milliseconds: window.fromMillis)])
            return zip(rows, ClientSnapshot.decode(rows)).map { row, client in (row["valid_from"], row["valid_to"], client) }
        }
    }
}

extension TimeWindow {
    /// `[from, to)` as canonical text, for `timestamp >= ? AND timestamp < ?`.
    var sqlArguments: StatementArguments { StatementArguments(sqlValues) }

    var sqlValues: [any DatabaseValueConvertible] {
        [Timestamp.format(milliseconds: fromMillis), Timestamp.format(milliseconds: toMillis)]
    }
}

extension Warehouse {
    /// The start of the earliest complete extraction window; `nil` before any.
    package func coverageStart() async throws -> Int64? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT min(from_ts) FROM extraction_window WHERE status = 'complete'")
                .flatMap(Timestamp.parseMilliseconds)
        }
    }
}
