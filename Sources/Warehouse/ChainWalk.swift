import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Walks `event_log` in `seq` order through SQLite's C API, recomputing each row's hash from
/// the column bytes as stored: no row object or string per row (the walk reads every event
/// on each `verify` and each evaluation).
///
/// Hashes exactly what `HashChain.hash(previous:fields:)` hashes: each column from `seq` to
/// `window_id` as its text (SQLite's text of an integer is its decimal form), length-prefixed,
/// NULL as the absent marker.
struct ChainWalk {
    private static let sql = """
        SELECT seq, id, timestamp, actor_type, actor_id, action, resource, resource_id, outcome, source_ip, method, path,
               status, scope, user_agent, raw_json, window_id, hash FROM event_log ORDER BY seq
        """
    /// Columns 0…16 are hashed; 17 is the stored hash.
    private static let hashedColumns: Int32 = 17

    /// Where the walk stopped: every row verified, or the first row that breaks the chain.
    enum Outcome {
        case intact(rows: Int64, head: Data)
        case gap(expected: Int64, found: Int64, id: String, head: Data)
        case mismatch(seq: Int64, id: String, head: Data)
    }

    static func run(_ db: Database) throws -> Outcome {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let statement = prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        defer { sqlite3_finalize(statement) }
        var previous = [UInt8](HashChain.genesis)
        var expected: Int64 = 1
        var absent = UInt32.max.bigEndian
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
            let seq = sqlite3_column_int64(statement, 0)
            if seq != expected {
                return .gap(expected: expected, found: seq, id: text(statement, 1), head: Data(previous))
            }
            var hasher = SHA256()
            previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            for column in 0..<hashedColumns {
                if sqlite3_column_type(statement, column) == SQLITE_NULL {
                    withUnsafeBytes(of: &absent) { hasher.update(bufferPointer: $0) }
                    continue
                }
                let bytes = sqlite3_column_text(statement, column)
                var length = UInt32(sqlite3_column_bytes(statement, column)).bigEndian
                withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
                if let bytes, length != 0 {
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(start: bytes, count: Int(UInt32(bigEndian: length))))
                }
            }
            let digest = hasher.finalize()
            let storedCount = Int(sqlite3_column_bytes(statement, hashedColumns))
            guard let stored = sqlite3_column_blob(statement, hashedColumns), storedCount == SHA256.byteCount,
                  digest.withUnsafeBytes({ $0.elementsEqual(UnsafeRawBufferPointer(start: stored, count: storedCount)) }) else {
                return .mismatch(seq: seq, id: text(statement, 1), head: Data(previous))
            }
            previous.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: stored, count: storedCount)) }
            expected += 1
        }
        return .intact(rows: expected - 1, head: Data(previous))
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
    }
}
