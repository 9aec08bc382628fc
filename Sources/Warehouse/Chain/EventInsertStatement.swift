import Foundation
import GRDB
import GRDBSQLite

/// The `event_log` insert, bound through SQLite's C API: the hot path of extraction, where
/// building GRDB argument arrays for 18 columns of a million rows costs more than SQLite does.
///
/// Lives for one write transaction; an id already stored is skipped (`ON CONFLICT DO NOTHING`).
/// Binds straight from `PreparedEvents`' buffer: no copy and no allocation per row.
struct EventInsertStatement {
    private static let sql = EventLogTable.insertSQL
    /// The columns bound from `PreparedEvents`' texts (`status` is bound as an integer).
    private static let texts = EventLogTable.laidOut.filter { $0 != .status }
    private let connection: OpaquePointer
    private let statement: OpaquePointer

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, Self.sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw DatabaseError.last(of: connection, sql: Self.sql) }
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
        sqlite3_bind_int64(statement, EventLogTable.Column.seq.parameter, seq)
        for column in Self.texts {
            bind(column.parameter, events.text(index, column), base)
        }
        let status = EventLogTable.Column.status.parameter
        if let value = events.status(index) { sqlite3_bind_int64(statement, status, Int64(value)) } else { sqlite3_bind_null(statement, status) }
        sqlite3_bind_int64(statement, EventLogTable.Column.windowID.parameter, windowID)
        sqlite3_bind_blob(statement, EventLogTable.Column.hash.parameter, hash.baseAddress, Int32(hash.count), nil)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else { throw DatabaseError.last(of: connection, sql: Self.sql) }
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
