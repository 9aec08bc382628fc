import Crypto
import Foundation
import GRDB
import GRDBSQLite

extension RowLedger {
    /// `partner_audit_row_digest(column, …)`: SHA-256 (hex) over every value, each encoded by
    /// `ChainField` (its text — an integer's decimal form, a blob's bytes — or the absent marker
    /// for NULL).
    static let digestFunction = "partner_audit_row_digest"
    /// `partner_audit_ledger_link(previous, table, key, change, digest)`: the entry's hash, hex.
    static let linkFunction = "partner_audit_ledger_link"

    /// Makes the ledger's functions known to a connection. Every connection that writes a
    /// governed table needs them; one without them (an outside tool) cannot.
    ///
    /// They are C functions reading each argument's bytes as SQLite holds them, every byte:
    /// a text read as a C string (as a `DatabaseValue` is made) ends at its first NUL, so a
    /// value given a NUL and anything after it would digest as before while every SQL
    /// comparison saw the change (`'complete' || char(0)` is not `'complete'`).
    static func register(_ db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        sqlite3_create_function_v2(connection, digestFunction, -1, flags, nil, { context, count, arguments in
            sqlite3_result_hex(context, RowLedger.digest(arguments: arguments, count: count))
        }, nil, nil, nil)
        sqlite3_create_function_v2(connection, linkFunction, 5, flags, nil, { context, count, arguments in
            sqlite3_result_hex(context, RowLedger.link(arguments: arguments, count: count))
        }, nil, nil, nil)
    }

    /// The digest of a row's values as Swift holds them (the tests' reference for the SQL function).
    static func digest(_ values: [DatabaseValue]) -> String {
        var hasher = SHA256()
        for value in values {
            switch value.storage {
            case .null: ChainField.update(&hasher, text: nil)
            case .int64(let number): feed(&hasher, String(number))
            case .double(let number): feed(&hasher, "\(number)")
            case .string(let text): feed(&hasher, text)
            case .blob(let bytes): bytes.withUnsafeBytes { ChainField.update(&hasher, text: $0) }
            }
        }
        return Data(hasher.finalize()).hex
    }

    /// The hash of one entry: the previous entry's hash (the chain's genesis for the first)
    /// and the entry's fields, each as `ChainField` text.
    static func link(previous: String?, table: String, key: String, change: String, digest: String) -> String {
        var hasher = SHA256()
        for field in [previous ?? HashChain.genesis.hex, table, key, change, digest] { feed(&hasher, field) }
        return Data(hasher.finalize()).hex
    }

    /// `digest(_:)` over the SQL function's arguments, each read in place.
    private static func digest(arguments: UnsafeMutablePointer<OpaquePointer?>?, count: Int32) -> String {
        var hasher = SHA256()
        for index in 0..<Int(count) { feed(&hasher, arguments?[index]) }
        return Data(hasher.finalize()).hex
    }

    /// `link(previous:…)` over the SQL function's five arguments: a NULL `previous` is the
    /// genesis, any other NULL the empty text.
    private static func link(arguments: UnsafeMutablePointer<OpaquePointer?>?, count: Int32) -> String {
        var hasher = SHA256()
        for index in 0..<Int(count) {
            let value = arguments?[index]
            if value.map(sqlite3_value_type) ?? SQLITE_NULL == SQLITE_NULL {
                feed(&hasher, index == 0 ? HashChain.genesis.hex : "")
            } else {
                feed(&hasher, value)
            }
        }
        return Data(hasher.finalize()).hex
    }

    /// Feeds one SQL value as `digest(_:)` feeds its `DatabaseValue`, text and blobs by their
    /// whole length.
    private static func feed(_ hasher: inout SHA256, _ value: OpaquePointer?) {
        guard let value else { return ChainField.update(&hasher, text: nil) }
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: feed(&hasher, String(sqlite3_value_int64(value)))
        case SQLITE_FLOAT: feed(&hasher, "\(sqlite3_value_double(value))")
        case SQLITE_TEXT:
            let text = sqlite3_value_text(value)
            ChainField.update(&hasher, text: UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_value_bytes(value))))
        case SQLITE_BLOB:
            let blob = sqlite3_value_blob(value)
            ChainField.update(&hasher, text: UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : Int(sqlite3_value_bytes(value))))
        default: ChainField.update(&hasher, text: nil)
        }
    }

    /// Feeds one text field, its UTF-8 read in place.
    private static func feed(_ hasher: inout SHA256, _ text: String) {
        var text = text
        text.withUTF8 { ChainField.update(&hasher, text: UnsafeRawBufferPointer($0)) }
    }
}

/// Returns a hex digest from a SQL function (SQLite copies it).
private func sqlite3_result_hex(_ context: OpaquePointer?, _ hex: String) {
    sqlite3_result_text(context, hex, -1, unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self))
}
