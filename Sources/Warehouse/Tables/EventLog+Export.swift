import Foundation
import GRDB
import PartnerAuditCore

/// One stored audit event as evidence packs export it: the documented columns, the raw
/// `details`, and its place in the hash chain.
package struct ExportedEvent: Sendable, Hashable {
    package var seq: Int64
    package var id: String
    package var timestamp: String
    package var actorType: String
    package var actorID: String
    package var action: String
    package var resource: String
    package var resourceID: String?
    package var outcome: String
    package var sourceIP: String?
    package var method: String?
    package var path: String?
    package var status: Int?
    package var scope: String?
    package var userAgent: String?
    /// `details` as canonical JSON text, when the event had one.
    package var detailsJSON: String?
    /// The row's chain hash, hex.
    package var hash: String
}

/// Which events an export covers.
package enum EventSelection: Sendable {
    /// Every event of the window.
    case window(TimeWindow)
    /// The events with these ids (those the findings cite).
    case ids([String])
}

extension Warehouse {
    /// Calls `body` with each selected event, oldest first (by timestamp, then id), reading
    /// through a cursor: memory stays flat whatever the number of events.
    ///
    /// Synchronous, so `body` can write as it reads; call it off the cooperative pool for big exports.
    package func forEachEvent(_ selection: EventSelection, _ body: (ExportedEvent) throws -> Void) throws {
        let columns = "SELECT \(EventLogTable.exportColumns) FROM \(EventLogTable.name)"
        let sql: String
        let arguments: StatementArguments
        switch selection {
        case .window(let window):
            sql = "\(columns) WHERE timestamp >= ? AND timestamp < ? ORDER BY timestamp, id"
            arguments = window.sqlArguments
        case .ids(let ids):
            sql = "\(columns) WHERE id IN (SELECT value FROM json_each(?)) ORDER BY timestamp, id"
            arguments = [JSONValue.array(ids.map(JSONValue.string)).canonicalText]
        }
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let hash: Data = row["hash"]
                try body(ExportedEvent(
                    seq: row["seq"], id: row["id"], timestamp: row["timestamp"], actorType: row["actor_type"], actorID: row["actor_id"],
                    action: row["action"], resource: row["resource"], resourceID: row["resource_id"], outcome: row["outcome"],
                    sourceIP: row["source_ip"], method: row["method"], path: row["path"], status: row["status"], scope: row["scope"],
                    userAgent: row["user_agent"], detailsJSON: row["details_json"], hash: hash.hex))
            }
        }
    }
}
