import GRDB

/// `row_ledger`: the append-only, hash-chained record of every state each governed row has
/// held — client history, runs, sources, windows, checkpoints, evaluations, findings and
/// their changes.
///
/// `event_log` carries its own chain; every other table the rules or the packs read is
/// governed here. Triggers append an entry for each insert and each update (the row's key,
/// a digest of all its columns, and a hash linking it to the previous entry) and refuse
/// deletes, so a state change is always a new ledger row. `verify` (and every evaluation)
/// recomputes the links and each row's digest: a row edited, inserted or deleted behind the
/// tool's back — a `*` scope removed from a client, a `complete` window planted over a skipped
/// night, a finding deleted — does not match its last entry.
///
/// What the warehouse alone cannot show: entries removed from the end of the ledger together
/// with the rows they describe. Anchors kept outside the warehouse (an evidence pack's
/// recorded heads) catch that.
enum RowLedger {
    static let table = "row_ledger"

    /// The tables the ledger governed when it was installed (`v7-row-ledger`).
    static let installedTables = [
        "client_snapshot", "extraction_run", "extraction_source", "extraction_window", "checkpoint",
        "evaluation_run", "finding", "finding_change",
    ]

    /// The tables the ledger governs, in the order `verify` checks them: those it was installed
    /// with, then each a later migration put under it with `govern(_:table:)`.
    static let governedTables = installedTables + [APIUsageTable.name, GatewayFileTable.name, GrantRegistryTable.name]

    /// Creates the ledger, its guards and every governed table's triggers, and records each
    /// row already stored as a `baseline` entry.
    static func install(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE row_ledger (
                seq INTEGER PRIMARY KEY,
                table_name TEXT NOT NULL,
                row_key TEXT NOT NULL,
                change TEXT NOT NULL,
                digest TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX row_ledger_by_row ON row_ledger(table_name, row_key, seq);
            CREATE TRIGGER row_ledger_no_update BEFORE UPDATE ON row_ledger
            BEGIN SELECT RAISE(ABORT, 'row_ledger is append-only: entries cannot be updated'); END;
            CREATE TRIGGER row_ledger_no_delete BEFORE DELETE ON row_ledger
            BEGIN SELECT RAISE(ABORT, 'row_ledger is append-only: entries cannot be deleted'); END;
            """)
        for table in installedTables {
            try govern(db, table: table)
        }
    }

    /// (Re)creates one table's triggers from its current columns and records every row as a
    /// `baseline` entry. A later migration that changes a governed table's columns calls this.
    static func govern(_ db: Database, table: String) throws {
        let shape = try TableShape(db, table: table)
        for change in ["insert", "update"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS ledger_\(table)_\(change)")
            try db.execute(sql: """
                CREATE TRIGGER ledger_\(table)_\(change) AFTER \(change.uppercased()) ON \(table)
                BEGIN \(shape.appendEntry(change: change, row: "NEW.")); END
                """)
        }
        try db.execute(sql: "DROP TRIGGER IF EXISTS ledger_\(table)_no_delete")
        try db.execute(sql: """
            CREATE TRIGGER ledger_\(table)_no_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) keeps every row: a state change is a new row or an update the ledger records'); END
            """)
        // One statement per row: each entry links to the one before it.
        let baseline = shape.appendEntry(change: "baseline", row: "", filter: "FROM \(table) WHERE rowid = ?")
        for rowid in try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table) ORDER BY rowid") {
            try db.execute(sql: baseline, arguments: [rowid])
        }
    }
}

/// A governed table's key and columns, as the triggers and the verification read them.
struct TableShape {
    var table: String
    /// The primary key's columns: the stable identity of a row (rowids can change under VACUUM).
    var key: [String]
    /// Every column, in declared order: what the digest covers.
    var columns: [String]

    init(_ db: Database, table: String) throws {
        self.table = table
        columns = try db.columns(in: table).map(\.name)
        key = try db.primaryKey(table).columns
    }

    /// The row's key as text: a JSON array of its primary-key values.
    func keyExpression(row prefix: String) -> String {
        "json_array(\(key.map { prefix + $0 }.joined(separator: ", ")))"
    }

    /// The digest of the row's columns (`RowLedger.digestFunction`).
    func digestExpression(row prefix: String) -> String {
        "\(RowLedger.digestFunction)(\(columns.map { prefix + $0 }.joined(separator: ", ")))"
    }

    /// The statement appending one entry for the row: `NEW.` in a trigger, or bare column
    /// names with a `filter` (`FROM table WHERE …`) picking the row.
    func appendEntry(change: String, row prefix: String, filter: String = "") -> String {
        """
        INSERT INTO row_ledger (table_name, row_key, change, digest, hash)
        SELECT '\(table)', k, '\(change)', d, \(RowLedger.linkFunction)((SELECT hash FROM row_ledger ORDER BY seq DESC LIMIT 1), '\(table)', k, '\(change)', d)
        FROM (SELECT \(keyExpression(row: prefix)) AS k, \(digestExpression(row: prefix)) AS d \(filter))
        """
    }
}
