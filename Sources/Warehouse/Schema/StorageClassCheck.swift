import GRDB
import GRDBSQLite

/// Checks that every column of `event_log`, of each governed table and of `row_ledger` itself
/// holds a storage class its declared type allows.
///
/// The event chain and the row ledger hash a column's bytes, not its storage class: the same
/// bytes re-stored as a BLOB (`CAST(status AS BLOB)`) hash alike, yet no SQL comparison sees
/// them as before (a blob never equals `'open'` and sorts after every text), and a key
/// re-stored so makes the ledger's `json_array` fail inside SQLite. Verification runs this
/// first, one streaming scan a table, and names the first row and column out of place.
enum StorageClassCheck {
    /// The tables checked here: the governed ones in the order the ledger checks them, then the
    /// ledger (an entry's digest or hash re-stored as a BLOB compares alike in its SQL). `event_log`
    /// is checked by the chain walk as it reads each row (`ChainWalk`, `allowedTypes`): no second
    /// scan of the largest table.
    static let tables = RowLedger.governedTables + [RowLedger.table]

    /// The first value whose storage class its column's declared type does not allow, in words;
    /// `nil` when every value has one it allows.
    static func problem(_ db: Database) throws -> String? {
        try problem(db, in: tables)
    }

    /// `problem(_:)` over `tables`.
    static func problem(_ db: Database, in tables: [String]) throws -> String? {
        // A table a later migration brings is absent from an older warehouse.
        for table in tables where try db.tableExists(table) {
            if let problem = try problem(db, table: table) { return problem }
        }
        return nil
    }

    /// The first row of `table` (by rowid) holding a value out of its column's classes.
    private static func problem(_ db: Database, table: String) throws -> String? {
        let keyColumns = try db.primaryKey(table).columns
        let checked = try db.columns(in: table).compactMap { column -> (name: String, declared: String, classes: [String])? in
            guard let classes = allowedClasses(declaredType: column.type) else { return nil }
            // A key is never NULL, declared NOT NULL or not: SQLite lets a TEXT PRIMARY KEY hold
            // NULL in any number of rows, which the ledger would read as one key.
            let nullable = !column.isNotNull && !keyColumns.contains(column.name)
            return (column.name, column.type, classes + (nullable ? ["null"] : []))
        }
        guard !checked.isEmpty else { return nil }
        let outOfPlace = checked.map { "typeof(\($0.name)) NOT IN (\($0.classes.map { "'\($0)'" }.joined(separator: ", ")))" }
        // quote(): a key re-stored as a blob is named as SQLite writes it (X'6631'), where json_array would fail.
        let key = keyColumns.map { "quote(\($0))" }.joined(separator: " || ', ' || ")
        let column = "CASE " + zip(checked, outOfPlace).map { "WHEN \($1) THEN '\($0.name)'" }.joined(separator: " ") + " END"
        let found = "CASE " + zip(checked, outOfPlace).map { "WHEN \($1) THEN typeof(\($0.name))" }.joined(separator: " ") + " END"
        guard let row = try Row.fetchOne(db, sql: """
            SELECT \(key), \(column), \(found) FROM \(table) WHERE \(outOfPlace.joined(separator: " OR ")) ORDER BY rowid LIMIT 1
            """) else { return nil }
        let (keyText, name, storage): (String, String, String) = (row[0], row[1], row[2])
        let expected = checked.first { $0.name == name }
        return describe(table: table, key: keyText, column: name, found: storage,
                        declared: Allowed(declared: expected?.declared ?? "?", classes: expected?.classes ?? []))
    }

    /// A column's declared type and the storage classes (`typeof` names) its values may have.
    struct Allowed {
        var declared: String
        var classes: [String]

        /// The same classes as a mask of SQLite's C type codes (bit `1 << sqlite3_column_type`),
        /// tested on every value of the chain walk without hashing.
        var mask: UInt8 {
            let codes = ["integer": SQLITE_INTEGER, "real": SQLITE_FLOAT, "text": SQLITE_TEXT, "blob": SQLITE_BLOB, "null": SQLITE_NULL]
            return classes.compactMap { codes[$0] }.reduce(0) { $0 | UInt8(1 << $1) }
        }
    }

    /// What each of `columns` of `table` may hold, in that order; `nil` for a column of any type.
    static func allowedTypes(_ db: Database, table: String, columns: [String]) throws -> [Allowed?] {
        let declared = try db.columns(in: table)
        return columns.map { name in
            guard let column = declared.first(where: { $0.name == name }),
                  let classes = allowedClasses(declaredType: column.type) else { return nil }
            return Allowed(declared: column.type, classes: classes + (column.isNotNull ? [] : ["null"]))
        }
    }

    /// The `typeof` name of a C type code.
    static func name(ofType code: Int32) -> String {
        switch code {
        case SQLITE_INTEGER: "integer"
        case SQLITE_FLOAT: "real"
        case SQLITE_TEXT: "text"
        case SQLITE_BLOB: "blob"
        default: "null"
        }
    }

    /// The problem in words: which row and column, the class found and those allowed.
    static func describe(table: String, key: String, column: String, found: String, declared: Allowed) -> String {
        "\(table) row \(key): column \(column) holds a \(found) value where its declared type \(declared.declared) allows "
            + "\(declared.classes.joined(separator: " or ")): it was re-stored behind the tool's back"
    }

    /// The storage classes a non-NULL value of a column declared `declaredType` may have, by
    /// SQLite's affinity rules; `nil` for a type that allows any (no type, NUMERIC).
    static func allowedClasses(declaredType: String) -> [String]? {
        let type = declaredType.uppercased()
        if type.contains("INT") { return ["integer"] }
        if ["CHAR", "CLOB", "TEXT"].contains(where: type.contains) { return ["text"] }
        if type.contains("BLOB") { return ["blob"] }
        if ["REAL", "FLOA", "DOUB"].contains(where: type.contains) { return ["real", "integer"] }
        return nil
    }
}
