import Foundation
import GRDB
import GRDBSQLite

/// The `event_log` insert, bound through SQLite's C API: the hot path of extraction, where
/// building GRDB argument arrays for 18 columns of a million rows costs more than SQLite does.
///
/// Lives for one write transaction; an id already stored is skipped (`ON CONFLICT DO NOTHING`).
/// Binds straight from `PreparedEvents`' buffer: no copy and no allocation per row.
struct EventInsertStatement {
    private static let sql = """
        INSERT INTO event_log (seq, id, timestamp, actor_type, actor_id, action, resource, resource_id, outcome,
            source_ip, method, path, status, scope, user_agent, raw_json, window_id, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
        """
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

    /// Inserts event `index` of `events` as row `seq`; `false` when an event with the same id is already stored.
    ///
    /// `bytes` is `events.bytes`, held by the caller: texts and the hash are bound in place
    /// (`SQLITE_STATIC`), read only by this call's step, and every parameter is bound each time.
    func insert(
        seq: Int64, _ index: Int, of events: PreparedEvents, bytes: UnsafeBufferPointer<UInt8>, windowID: Int64,
        hash: UnsafeRawBufferPointer
    ) throws -> Bool {
        defer { sqlite3_reset(statement) }
        let base = UnsafeRawPointer(bytes.baseAddress)
        sqlite3_bind_int64(statement, 1, seq)
        bind(2, events.text(index, .id), base)
        bind(3, events.text(index, .timestamp), base)
        bind(4, events.text(index, .actorType), base)
        bind(5, events.text(index, .actorID), base)
        bind(6, events.text(index, .action), base)
        bind(7, events.text(index, .resource), base)
        bind(8, events.text(index, .resourceID), base)
        bind(9, events.text(index, .outcome), base)
        bind(10, events.text(index, .sourceIP), base)
        bind(11, events.text(index, .method), base)
        bind(12, events.text(index, .path), base)
        if let status = events.status(index) { sqlite3_bind_int64(statement, 13, Int64(status)) } else { sqlite3_bind_null(statement, 13) }
        bind(14, events.text(index, .scope), base)
        bind(15, events.text(index, .userAgent), base)
        bind(16, events.text(index, .rawJSON), base)
        sqlite3_bind_int64(statement, 17, windowID)
        sqlite3_bind_blob(statement, 18, hash.baseAddress, Int32(hash.count), nil)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: Self.sql)
        }
        return sqlite3_changes(connection) > 0
    }

    /// Releases the statement; call once, when the transaction's inserts are done.
    func finalize() { sqlite3_finalize(statement) }

    /// Binds a text of the prepared buffer in place, or NULL.
    @inline(__always)
    private func bind(_ parameter: Int32, _ text: (offset: Int, length: Int32)?, _ base: UnsafeRawPointer?) {
        guard let text, let base else {
            sqlite3_bind_null(statement, parameter)
            return
        }
        sqlite3_bind_text(statement, parameter, (base + text.offset).assumingMemoryBound(to: CChar.self), text.length, nil)
    }
}
