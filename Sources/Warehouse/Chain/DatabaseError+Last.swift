import GRDB
import GRDBSQLite

/// The statements that go through SQLite's C API (`EventInsertStatement`, `ChainWalk`, a
/// window's `INSERT … SELECT`) report its errors as GRDB's.
extension DatabaseError {
    /// The error SQLite last reported on `connection`, with the statement that met it.
    static func last(of connection: OpaquePointer, sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
