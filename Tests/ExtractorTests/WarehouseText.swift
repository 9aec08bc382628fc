import Foundation
import GRDB

/// Every text value of every column of every table of a warehouse file, for a test to search.
enum WarehouseText {
    /// `(table.column, text)` for each text or blob value stored, in every table SQLite lists.
    static func all(at path: String) throws -> [(place: String, text: String)] {
        let database = try DatabaseQueue(path: path)
        return try database.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            var values: [(String, String)] = []
            for table in tables {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                while let row = try rows.next() {
                    for (column, value) in row {
                        switch value.storage {
                        case .string(let text): values.append(("\(table).\(column)", text))
                        case .blob(let data): values.append(("\(table).\(column)", String(decoding: data, as: UTF8.self)))
                        default: continue
                        }
                    }
                }
            }
            return values
        }
    }

    /// The places (`table.column`) where any of `needles` is stored.
    static func places(holding needles: [String], at path: String) throws -> [String] {
        try all(at: path).filter { value in needles.contains { value.text.contains($0) } }.map(\.place)
    }
}
