import Crypto
import Foundation
import GRDB

extension RowLedger {
    /// `partner_audit_row_digest(column, …)`: SHA-256 (hex) over every value, each encoded by
    /// `ChainField` (its text — an integer's decimal form, a blob's bytes — or the absent marker
    /// for NULL).
    static let digestFunction = "partner_audit_row_digest"
    /// `partner_audit_ledger_link(previous, table, key, change, digest)`: the entry's hash, hex.
    static let linkFunction = "partner_audit_ledger_link"

    /// The SQL functions the ledger's triggers and its verification call. Every connection
    /// that writes a governed table needs them; one without them (an outside tool) cannot.
    static let functions: [DatabaseFunction] = [
        DatabaseFunction(digestFunction, argumentCount: nil, pure: true) { values in digest(values) },
        DatabaseFunction(linkFunction, argumentCount: 5, pure: true) { values in
            link(previous: String.fromDatabaseValue(values[0]), table: String.fromDatabaseValue(values[1]) ?? "",
                 key: String.fromDatabaseValue(values[2]) ?? "", change: String.fromDatabaseValue(values[3]) ?? "",
                 digest: String.fromDatabaseValue(values[4]) ?? "")
        },
    ]

    /// Makes the ledger's functions known to a connection.
    static func register(_ db: Database) {
        for function in functions { db.add(function: function) }
    }

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

    /// Feeds one text field, its UTF-8 read in place.
    private static func feed(_ hasher: inout SHA256, _ text: String) {
        var text = text
        text.withUTF8 { ChainField.update(&hasher, text: UnsafeRawBufferPointer($0)) }
    }
}
