import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Walks `event_log` in `seq` order through SQLite's C API, recomputing each row's hash from
/// the column bytes as stored: no row object or string per row (the walk reads every event
/// on each `verify` and each evaluation).
///
/// Hashes exactly what `HashChain.hash(previous:fields:)` hashes: each chained column
/// (`EventLogTable.chained`) as its text — SQLite's text of an integer is its decimal form —
/// encoded by `ChainField`, NULL as the absent marker.
struct ChainWalk {
    private static let sql = EventLogTable.chainWalkSQL
    /// The chained columns come first, in order; then the stored hash.
    private static let hashedColumns = Int32(EventLogTable.chained.count)
    private static let hashColumn = EventLogTable.Column.hash.rawValue

    /// Where the walk stopped: every row verified, or the first row that breaks the chain.
    enum Outcome {
        /// Every row verified; `begunUnderLedger`: the first row chains from `ledgeredGenesis`.
        case intact(rows: Int64, head: Data, begunUnderLedger: Bool)
        case gap(expected: Int64, found: Int64, id: String, head: Data)
        case mismatch(seq: Int64, id: String, head: Data)
        /// A value in a storage class its column does not allow (`StorageClassCheck`): the same
        /// bytes re-stored as a BLOB hash alike, so the walk checks each value's class too.
        case misplaced(seq: Int64, problem: String, head: Data)
    }

    static func run(_ db: Database) throws -> Outcome {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let statement = prepared else { throw DatabaseError.last(of: connection, sql: sql) }
        defer { sqlite3_finalize(statement) }
        // Each column's storage classes, as C type codes: checked on every row as it is read.
        let allowed = try StorageClassCheck.allowedTypes(db, table: EventLogTable.name, columns: EventLogTable.Column.allCases.map(\.name))
        let masks = allowed.map { $0?.mask ?? 0xFF }
        var previous = [UInt8](HashChain.genesis)
        var expected: Int64 = 1
        var begunUnderLedger = false
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw DatabaseError.last(of: connection, sql: sql) }
            let seq = sqlite3_column_int64(statement, EventLogTable.Column.seq.rawValue)
            if seq != expected {
                return .gap(expected: expected, found: seq, id: text(statement, EventLogTable.Column.id.rawValue), head: Data(previous))
            }
            for column in masks.indices {
                let type = sqlite3_column_type(statement, Int32(column))
                if masks[column] & UInt8(truncatingIfNeeded: 1 << type) == 0, let expected = allowed[column] {
                    return .misplaced(seq: seq, problem: StorageClassCheck.describe(
                        table: EventLogTable.name, key: String(seq), column: EventLogTable.Column.allCases[column].name,
                        found: StorageClassCheck.name(ofType: type), declared: expected), head: Data(previous))
                }
            }
            let storedCount = Int(sqlite3_column_bytes(statement, hashColumn))
            guard let stored = sqlite3_column_blob(statement, hashColumn), storedCount == SHA256.byteCount else {
                return .mismatch(seq: seq, id: text(statement, EventLogTable.Column.id.rawValue), head: Data(previous))
            }
            let storedHash = UnsafeRawBufferPointer(start: stored, count: storedCount)
            func matches(chainingFrom previous: UnsafeRawBufferPointer) -> Bool {
                rowHash(statement, previous: previous).withUnsafeBytes { $0.elementsEqual(storedHash) }
            }
            if seq == 1, HashChain.ledgeredGenesis.withUnsafeBytes(matches(chainingFrom:)) {
                begunUnderLedger = true
            } else if !previous.withUnsafeBytes(matches(chainingFrom:)) {
                return .mismatch(seq: seq, id: text(statement, EventLogTable.Column.id.rawValue), head: Data(previous))
            }
            previous.withUnsafeMutableBytes { $0.copyMemory(from: storedHash) }
            expected += 1
        }
        return .intact(rows: expected - 1, head: Data(previous), begunUnderLedger: begunUnderLedger)
    }

    /// The hash of the statement's current row chained from `previous`.
    private static func rowHash(_ statement: OpaquePointer, previous: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        for column in 0..<hashedColumns {
            if sqlite3_column_type(statement, column) == SQLITE_NULL {
                ChainField.update(&hasher, text: nil)
                continue
            }
            let bytes = sqlite3_column_text(statement, column)
            let length = Int(sqlite3_column_bytes(statement, column))
            ChainField.update(&hasher, text: UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length))
        }
        return hasher.finalize()
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
    }
}
