import GRDB

extension RowLedger {
    /// What checking the ledger found: how many entries verified, and the first problem.
    struct Verdict {
        var entries: Int64
        var problem: String?
        /// The last entry's hash that verified ("" when none did).
        var head = ""
        /// Rows the ledger first recorded as a `baseline`, when a migration installed it over
        /// rows already stored: their history before then nothing in the file vouches for.
        var baselines: Int64 = 0
    }

    /// Recomputes every entry's link in order, then every governed row's digest against its
    /// last entry: names the first entry or row that does not match, a key inserted a second
    /// time (its row deleted and the key reused), a row no entry records (inserted behind the
    /// tool's back) and a recorded row that is gone (deleted).
    ///
    /// Both passes stream: a row's last entry is looked up through `row_ledger_by_row`, so the
    /// memory used does not grow with the rows (a live warehouse holds hundreds of thousands of
    /// usage rows).
    static func verify(_ db: Database) throws -> Verdict {
        guard try db.tableExists(table) else { return Verdict(entries: 0, problem: nil) }
        var previous: String?
        var expected: Int64 = 1
        let entries = try Row.fetchCursor(db, sql: "SELECT seq, table_name, row_key, change, digest, hash FROM row_ledger ORDER BY seq")
        while let entry = try entries.next() {
            let seq: Int64 = entry[0]
            let (table, key, change, digest, hash): (String, String, String, String, String) = (entry[1], entry[2], entry[3], entry[4], entry[5])
            guard seq == expected else {
                return Verdict(entries: expected - 1, problem: seq > expected ? "row_ledger entries \(expected)…\(seq - 1) are missing"
                    : "row_ledger entry \(seq) comes where entry \(expected) belongs: its seq was changed")
            }
            guard link(previous: previous, table: table, key: key, change: change, digest: digest) == hash else {
                return Verdict(entries: expected - 1, problem: "row_ledger entry \(seq) (\(table) \(key)): its hash does not match its content and the previous entry")
            }
            previous = hash
            expected += 1
        }
        let verified = expected - 1
        if let problem = try reinsertedKey(db) {
            return Verdict(entries: verified, problem: problem)
        }
        // A table a later migration brings is absent from an older warehouse opened read-only.
        for table in governedTables where try db.tableExists(table) {
            if let problem = try rowProblem(db, shape: TableShape(db, table: table)) {
                return Verdict(entries: verified, problem: problem)
            }
        }
        return Verdict(entries: verified, problem: nil, head: previous ?? "", baselines: try unrecordedBeforeBaseline(db))
    }

    /// How many rows the ledger first met as a `baseline` (no earlier entry for their key): the
    /// rows a migration found stored when it installed the ledger. A `baseline` re-recording a
    /// row whose columns a migration changed follows the row's earlier entries and is not counted.
    private static func unrecordedBeforeBaseline(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT count(*) FROM row_ledger AS baseline
            WHERE baseline.change = 'baseline' AND NOT EXISTS (SELECT 1 FROM row_ledger AS earlier
                WHERE earlier.table_name = baseline.table_name AND earlier.row_key = baseline.row_key AND earlier.seq < baseline.seq)
            """) ?? 0
    }

    /// The first `insert` entry for a key an earlier entry already records, in words.
    ///
    /// The tool inserts each key once (a change is an `update`, a migration's re-recording a
    /// `baseline`), so a second insert means the row was deleted behind the tool's back and its
    /// key handed out again (SQLite reuses the largest INTEGER PRIMARY KEY once its row is gone),
    /// which would make the deleted row look present. Streams: each insert's earlier entries are
    /// looked up through `row_ledger_by_row`.
    private static func reinsertedKey(_ db: Database) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT later.seq, later.table_name, later.row_key,
                   (SELECT max(earlier.seq) FROM row_ledger AS earlier
                    WHERE earlier.table_name = later.table_name AND earlier.row_key = later.row_key AND earlier.seq < later.seq)
            FROM row_ledger AS later
            WHERE later.change = 'insert' AND EXISTS (SELECT 1 FROM row_ledger AS earlier
                WHERE earlier.table_name = later.table_name AND earlier.row_key = later.row_key AND earlier.seq < later.seq)
            ORDER BY later.seq LIMIT 1
            """) else { return nil }
        let (seq, table, key, earlier): (Int64, String, String, Int64) = (row[0], row[1], row[2], row[3])
        return "\(table) row \(key) was inserted again after ledger entry \(earlier) recorded it (entry \(seq)): "
            + "the row was deleted behind the tool's back and its key reused"
    }

    /// The first of `shape`'s rows (by rowid) that no entry records or that differs from its
    /// key's last entry, else the least key the ledger records and the table no longer holds.
    private static func rowProblem(_ db: Database, shape: TableShape) throws -> String? {
        let table = shape.table
        // Qualified: a governed table's key may share a name with a ledger column (`seq`).
        let key = shape.keyExpression(row: "governed.")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(key), \(shape.digestExpression(row: "governed.")),
                   (SELECT entry.digest FROM row_ledger AS entry WHERE entry.table_name = ? AND entry.row_key = \(key)
                    ORDER BY entry.seq DESC LIMIT 1)
            FROM \(table) AS governed ORDER BY governed.rowid
            """, arguments: [table])
        var count = 0
        while let row = try rows.next() {
            let (key, digest, last): (String, String, String?) = (row[0], row[1], row[2])
            guard let last else { return "\(table) row \(key) is in no ledger entry: it was inserted behind the tool's back" }
            guard last == digest else { return "\(table) row \(key) differs from its last ledger entry: it was changed behind the tool's back" }
            count += 1
        }
        // Every row matched a recorded key. A key held by two rows (a NULL key, or a key index
        // swapped for one that is not unique) would count one row twice and hide a deleted one.
        let keys = try Int.fetchOne(db, sql: "SELECT count(DISTINCT \(key)) FROM \(table) AS governed") ?? 0
        if keys < count {
            let repeated = try String.fetchOne(db, sql: "SELECT \(key) FROM \(table) AS governed GROUP BY 1 HAVING count(*) > 1 LIMIT 1")
            return "\(table) holds the key \(repeated ?? "?") in more than one row: rows were copied behind the tool's back"
        }
        // So a key is gone exactly when the ledger records more keys than the table holds.
        let recorded = try Int.fetchOne(db, sql: "SELECT count(DISTINCT row_key) FROM row_ledger WHERE table_name = ?", arguments: [table]) ?? 0
        guard recorded > count else { return nil }
        let gone = try String.fetchOne(db, sql: """
            SELECT min(row_key) FROM row_ledger WHERE table_name = ? AND row_key NOT IN (SELECT \(key) FROM \(table) AS governed)
            """, arguments: [table])
        return "\(table) row \(gone ?? "?") is gone: the ledger recorded it and the table no longer holds it"
    }

    /// Whether one governed row is as its last ledger entry records it: present with that
    /// entry's digest, or absent and never recorded. A row deleted or edited behind the tool's
    /// back is not; writing it then would give the edit a ledger entry of its own.
    ///
    /// - Parameter key: the row's primary-key values, in the key's column order.
    static func isAsRecorded(_ db: Database, table: String, key: [any DatabaseValueConvertible]) throws -> Bool {
        let shape = try TableShape(db, table: table)
        let arguments = StatementArguments(key.map { $0.databaseValue })
        let keyText = try String.fetchOne(db, sql: "SELECT json_array(\(key.map { _ in "?" }.joined(separator: ", ")))", arguments: arguments)
        let recorded = try String.fetchOne(db, sql: """
            SELECT digest FROM row_ledger WHERE table_name = ? AND row_key = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [table, keyText])
        let matching = shape.key.map { "\($0) = ?" }.joined(separator: " AND ")
        let current = try String.fetchOne(db, sql: "SELECT \(shape.digestExpression(row: "")) FROM \(table) WHERE \(matching)", arguments: arguments)
        return recorded == current
    }
}
