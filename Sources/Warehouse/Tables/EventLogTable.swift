import PartnerAuditCore

/// `event_log`: the audit events, append-only (its triggers refuse UPDATE and DELETE) and
/// hash-chained in `seq` order.
///
/// `Column` is the table's one column list: the insert (`EventInsertStatement`), the layout
/// of a window's rows (`PreparedEvents`), the chain walk (`ChainWalk`) and the export are
/// written from it, so a column cannot be added to one and forgotten in another.
enum EventLogTable {
    static let name = "event_log"

    /// Every column, in table order; the raw value is the column's 0-based position.
    enum Column: Int32, CaseIterable {
        case seq, id, timestamp, actorType, actorID, action, resource, resourceID, outcome
        case sourceIP, method, path, status, scope, userAgent, rawJSON, windowID, hash

        /// The column's SQL name.
        var name: String {
            switch self {
            case .seq: "seq"
            case .id: "id"
            case .timestamp: "timestamp"
            case .actorType: "actor_type"
            case .actorID: "actor_id"
            case .action: "action"
            case .resource: "resource"
            case .resourceID: "resource_id"
            case .outcome: "outcome"
            case .sourceIP: "source_ip"
            case .method: "method"
            case .path: "path"
            case .status: "status"
            case .scope: "scope"
            case .userAgent: "user_agent"
            case .rawJSON: "raw_json"
            case .windowID: "window_id"
            case .hash: "hash"
            }
        }

        /// The column's 1-based parameter in `insertSQL`.
        var parameter: Int32 { rawValue + 1 }
    }

    /// The columns the chain covers, in the order it hashes them: `seq` through `window_id`.
    static let chained = Column.allCases.filter { $0 != .hash }

    /// The columns a window's rows are laid out with before the insert (`PreparedEvents`):
    /// `id` through `raw_json`, the ones the source's events give.
    static let laidOut = Column.allCases.filter { $0.rawValue >= Column.id.rawValue && $0.rawValue <= Column.rawJSON.rawValue }

    static let columnList = Column.allCases.map(\.name).joined(separator: ", ")

    /// Inserts one row; an id already stored is skipped.
    static let insertSQL = """
        INSERT INTO event_log (\(columnList)) VALUES (\(Column.allCases.map { _ in "?" }.joined(separator: ", "))) \
        ON CONFLICT(id) DO NOTHING
        """

    /// A field of an event's stored text, or NULL when the text is not JSON SQLite reads (an
    /// earlier version stored numbers such as `01` as the source wrote them): one such event
    /// never makes a whole query fail.
    static func jsonField(_ path: String) -> String {
        "CASE WHEN json_valid(raw_json) THEN json_extract(raw_json, '\(path)') END"
    }

    /// The condition of `event_log_by_action`, which leaves the requests out: SQLite reads a
    /// query through it only when the query says this very term, so every query for actions
    /// other than `api.request` adds it.
    static let byActionCondition = "action <> \(AuditAction.apiRequest.sqlLiteral)"

    /// Every row in chain order, every column.
    static let chainWalkSQL = "SELECT \(columnList) FROM event_log ORDER BY seq"

    /// The columns of the `events` export: the stored ones with `raw_json` read as its
    /// `details` (`details_json`) and without `window_id`.
    static let exportColumns = Column.allCases.compactMap { column -> String? in
        switch column {
        case .rawJSON: "\(jsonField("$.details")) AS details_json"
        case .windowID: nil
        default: column.name
        }
    }.joined(separator: ", ")
}
