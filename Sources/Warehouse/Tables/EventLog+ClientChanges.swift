import Foundation
import GRDB
import PartnerAuditCore

// The audit events that changed an OAuth client.

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

extension Warehouse {
    /// Every create, update, delete and secret rotation of an OAuth client in the window, oldest first.
    package func clientChangeEvents(in window: TimeWindow) async throws -> [ClientChangeEvent] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, timestamp, actor_id, action, resource_id, \(EventLogTable.jsonField("$.details.changes")) AS changes
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
            for row in try Row.fetchAll(db, sql: Self.lastSecretRotationsSQL, arguments: [Timestamp.format(milliseconds: moment)]) {
                last[row["resource_id"]] = row["last"]
            }
            return last
        }
    }

    /// Each client's last secret rotation before `?1`.
    static let lastSecretRotationsSQL = """
        SELECT resource_id, max(timestamp) AS last FROM event_log
        WHERE \(EventPredicate.byAction(.clientSecretRotated)) AND resource_id IS NOT NULL AND timestamp < ?
        GROUP BY resource_id
        """
}
