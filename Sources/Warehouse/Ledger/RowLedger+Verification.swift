import GRDB

extension RowLedger {
    /// What checking the ledger found: how many entries verified, and the first problem.
    struct Verdict {
        var entries: Int64
        var problem: String?
        /// The last entry's hash that verified ("" when none did).
        var head = ""
    }

    /// Recomputes every entry's link in order, then every governed row's digest against its
    /// last entry: names the first entry or row that does not match, a row no entry records
    /// (inserted behind the tool's back) and a recorded row that is gone (deleted).
    static func verify(_ db: Database) throws -> Verdict {
        guard try db.tableExists(table) else { return Verdict(entries: 0, problem: nil) }
        var latest: [String: [String: String]] = [:]
        var previous: String?
        var expected: Int64 = 1
        let entries = try Row.fetchCursor(db, sql: "SELECT seq, table_name, row_key, change, digest, hash FROM row_ledger ORDER BY seq")
        while let entry = try entries.next() {
            let seq: Int64 = entry[0]
            let (table, key, change, digest, hash): (String, String, String, String, String) = (entry[1], entry[2], entry[3], entry[4], entry[5])
            guard seq == expected else {
                return Verdict(entries: expected - 1, problem: "row_ledger entries \(expected)…\(seq - 1) are missing")
            }
            guard link(previous: previous, table: table, key: key, change: change, digest: digest) == hash else {
                return Verdict(entries: expected - 1, problem: "row_ledger entry \(seq) (\(table) \(key)): its hash does not match its content and the previous entry")
            }
            latest[table, default: [:]][key] = digest
            previous = hash
            expected += 1
        }
        let verified = expected - 1
        let head = previous ?? ""
        // A table a later migration brings is absent from an older warehouse opened read-only.
        for table in governedTables where try db.tableExists(table) {
            let shape = try TableShape(db, table: table)
            var recorded = latest[table] ?? [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(shape.keyExpression(row: "")), \(shape.digestExpression(row: "")) FROM \(table) ORDER BY rowid")
            while let row = try rows.next() {
                let (key, digest): (String, String) = (row[0], row[1])
                guard let last = recorded.removeValue(forKey: key) else {
                    return Verdict(entries: verified, problem: "\(table) row \(key) is in no ledger entry: it was inserted behind the tool's back")
                }
                guard last == digest else {
                    return Verdict(entries: verified, problem: "\(table) row \(key) differs from its last ledger entry: it was changed behind the tool's back")
                }
            }
            if let gone = recorded.keys.min() {
                return Verdict(entries: verified, problem: "\(table) row \(gone) is gone: the ledger recorded it and the table no longer holds it")
            }
        }
        return Verdict(entries: verified, problem: nil, head: head)
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
