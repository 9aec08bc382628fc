import GRDB

/// Compares a warehouse's schema — every table, index, view and trigger SQLite holds for it —
/// with the schema this version's migrations build.
///
/// The row ledger's triggers prove that every write went through them; they cannot prove that
/// nothing else runs beside them. A trigger or a view planted next to the tool's own (one that
/// rewrites a client's grant whenever an evaluation is stored, say) would have the tool make the
/// change itself, ledger entry and all. So the schema is evidence too: anything added, dropped
/// or altered is named, and `verify` fails on it.
enum SchemaCheck {
    /// One schema object as `sqlite_master` lists it.
    struct Object: Hashable, Comparable {
        var type: String
        var name: String
        var sql: String

        static func < (lhs: Object, rhs: Object) -> Bool { (lhs.type, lhs.name) < (rhs.type, rhs.name) }
    }

    /// The first difference between `db`'s schema and the one its applied migrations build, in
    /// words; `nil` when they are the same.
    static func problem(_ db: Database) throws -> String? {
        let migrator = Migrations.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let expected = try expectedObjects(applied: applied)
        let found = try objects(db)
        if let extra = found.subtracting(expected).sorted().first {
            let twin = expected.first { $0.type == extra.type && $0.name == extra.name }
            return twin == nil
                ? "the schema holds a \(extra.type) '\(extra.name)' this version never creates"
                : "the schema's \(extra.type) '\(extra.name)' differs from the one this version creates"
        }
        if let missing = expected.subtracting(found).sorted().first {
            return "the schema lacks the \(missing.type) '\(missing.name)' this version creates"
        }
        return nil
    }

    /// The objects `applied` migrations build, in an empty in-memory database.
    private static func expectedObjects(applied: Set<String>) throws -> Set<Object> {
        var configuration = Configuration()
        configuration.prepareDatabase { RowLedger.register($0) }
        let scratch = try DatabaseQueue(configuration: configuration)
        let migrator = Migrations.migrator
        if let last = migrator.migrations.last(where: applied.contains) {
            try migrator.migrate(scratch, upTo: last)
        }
        return try scratch.read(objects)
    }

    /// Every object of `db`'s schema but SQLite's own (`sqlite_…`: automatic indexes, statistics).
    private static func objects(_ db: Database) throws -> Set<Object> {
        Set(try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").map { row in
            Object(type: row["type"], name: row["name"], sql: row["sql"] ?? "")
        })
    }
}
