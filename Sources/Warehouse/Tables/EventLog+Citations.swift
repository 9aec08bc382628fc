import Foundation
import GRDB
import PartnerAuditCore

extension Warehouse {
    /// Up to `limit` events of one client in the window from the given source IPs, with the
    /// given actions, that `predicate` selects (each filter only when given), oldest first.
    ///
    /// Reads `event_log_by_hour_actor` a day at a time (24 hour buckets per query), oldest day
    /// first, and stops as soon as `limit` events are found: days partition time, so the
    /// concatenated answers are in `(timestamp, id)` order. The index is named: a predicate on
    /// `action` would otherwise lead SQLite to the action index and every such event of the day.
    package func citedEvents(
        clientID: String, in window: TimeWindow, sourceIPs: [String]? = nil, actions: [AuditAction]? = nil,
        matching predicate: EventPredicate? = nil, limit: Int = 20
    ) async throws -> [CitedEvent] {
        try await database.read { db in
            var filter = ""
            var filterArguments: [any DatabaseValueConvertible] = []
            if let sourceIPs {
                filter += " AND source_ip IN (\(Self.placeholders(sourceIPs.count)))"
                filterArguments += sourceIPs as [any DatabaseValueConvertible]
            }
            if let actions {
                filter += " AND action IN (\(Self.placeholders(actions.count)))"
                filterArguments += actions.map(\.text) as [any DatabaseValueConvertible]
            }
            if let predicate { filter += " AND \(predicate.sql)" }
            guard limit > 0, let span = try Self.storedSpan(db, within: window) else { return [] }
            var cited: [CitedEvent] = []
            let buckets = TimeBucket.hour.labels(touching: span)
            for start in stride(from: 0, to: buckets.count, by: 24) {
                let hours = buckets[start..<min(start + 24, buckets.count)]
                let statement = try db.cachedStatement(sql: """
                    SELECT id, timestamp, coalesce(source_ip, '') AS ip, action FROM event_log INDEXED BY event_log_by_hour_actor
                    WHERE substr(timestamp, 1, 13) IN (\(Self.placeholders(hours.count))) AND actor_id = ?
                      AND timestamp >= ? AND timestamp < ?\(filter)
                    ORDER BY timestamp, id LIMIT ?
                    """)
                let arguments = (Array(hours) as [any DatabaseValueConvertible]) + [clientID] + window.sqlValues + filterArguments + [limit - cited.count]
                cited += try Row.fetchAll(statement, arguments: StatementArguments(arguments)).map {
                    CitedEvent(id: $0["id"], timestamp: $0["timestamp"], sourceIP: $0["ip"], action: $0["action"])
                }
                if cited.count >= limit { break }
            }
            return cited
        }
    }

    /// The part of `window` that holds stored events (`nil` when none does), so the hours
    /// walked never outnumber the hours of data.
    private static func storedSpan(_ db: Database, within window: TimeWindow) throws -> TimeWindow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT min(timestamp) AS first, max(timestamp) AS last FROM event_log"),
              let first = (row["first"] as String?).flatMap(Timestamp.parseMilliseconds),
              let last = (row["last"] as String?).flatMap(Timestamp.parseMilliseconds) else { return nil }
        let span = TimeWindow(fromMillis: max(window.fromMillis, first), toMillis: min(window.toMillis, last + 1))
        return span.isEmpty ? nil : span
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
