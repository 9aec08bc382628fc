import Foundation
import GRDB
import GRDBSQLite

/// The `event_log` insert, bound through SQLite's C API: the hot path of extraction, where
/// building GRDB argument arrays for 18 columns of a million rows costs more than SQLite does.
///
/// Lives for one write transaction; an id already stored is skipped (`ON CONFLICT DO NOTHING`).
struct EventInsertStatement {
    private static let sql = """
        INSERT INTO event_log (seq, id, timestamp, actor_type, actor_id, action, resource, resource_id, outcome,
            source_ip, method, path, status, scope, user_agent, raw_json, window_id, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
        """
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private let connection: OpaquePointer
    private let statement: OpaquePointer

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, Self.sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: Self.sql)
        }
        self.connection = connection
        self.statement = prepared
    }

    /// Inserts one row; `false` when an event with the same id is already stored.
    func insert(seq: Int64, _ row: StoredEventFields, hash: Data) throws -> Bool {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        sqlite3_bind_int64(statement, 1, seq)
        bind(2, row.id)
        bind(3, row.timestamp)
        bind(4, row.actorType)
        bind(5, row.actorID)
        bind(6, row.action)
        bind(7, row.resource)
        bind(8, row.resourceID)
        bind(9, row.outcome)
        bind(10, row.sourceIP)
        bind(11, row.method)
        bind(12, row.path)
        if let status = row.status { sqlite3_bind_int64(statement, 13, Int64(status)) }
        bind(14, row.scope)
        bind(15, row.userAgent)
        bind(16, row.rawJSON)
        sqlite3_bind_int64(statement, 17, row.windowID)
        hash.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 18, $0.baseAddress, Int32($0.count), Self.transient) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: Self.sql)
        }
        return sqlite3_changes(connection) > 0
    }

    /// Releases the statement; call once, when the transaction's inserts are done.
    func finalize() { sqlite3_finalize(statement) }

    private func bind(_ index: Int32, _ text: String?) {
        guard let text else { return }  // cleared bindings are NULL
        _ = text.utf8CString.withUnsafeBufferPointer { buffer in
            sqlite3_bind_text(statement, index, buffer.baseAddress, Int32(buffer.count - 1), Self.transient)
        }
    }
}
