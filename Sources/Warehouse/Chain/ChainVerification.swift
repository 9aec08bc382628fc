import Foundation
import GRDB
import PartnerAuditCore

/// The outcome of walking the hash chain.
package struct ChainVerification: Sendable, Hashable {
    /// Rows checked.
    package var rows: Int64
    /// The hash of the last row (the chain head), hex.
    package var head: String
    /// The first problem found, naming the row; `nil` when the chain verifies.
    package var firstBreak: String?
    /// Row-ledger entries checked (every other table's rows, `RowLedger`).
    package var ledgerEntries: Int64
    /// The last ledger entry's hash, hex ("" when there is none or the events did not verify).
    package var ledgerHead = ""
    /// Rows the ledger first recorded as a migration's baseline, over a warehouse from before
    /// the ledger (`RowLedger.Verdict.baselines`): 0 in a warehouse begun under it.
    package var ledgerBaselines: Int64 = 0

    package var isIntact: Bool { firstBreak == nil }

    package init(rows: Int64, head: String, firstBreak: String?, ledgerEntries: Int64 = 0) {
        self.rows = rows
        self.head = head
        self.firstBreak = firstBreak
        self.ledgerEntries = ledgerEntries
    }
}

extension Warehouse {
    /// Checks every column's storage class (`StorageClassCheck`), recomputes every event's hash
    /// in insertion order and checks the heads each window recorded, runs SQLite's integrity
    /// check over the file and its indexes, then checks every other table against the row
    /// ledger (`RowLedger`).
    ///
    /// Names the first row whose content or link does not match, a gap in `seq` (a deleted row),
    /// rows missing at the end (a window recorded a head that is no longer there), and a row of
    /// any governed table edited, inserted or deleted behind the tool's back, a value re-stored
    /// in a storage class its column does not allow, and a schema that
    /// is not the one this version builds (a trigger or view planted beside its own, `SchemaCheck`).
    package func verifyChain() async throws -> ChainVerification {
        try await database.read { db in
            // A value re-stored in another storage class hashes alike: the event walk checks each
            // value's class as it reads it, and the governed tables are checked before the ledger,
            // whose SQL a key so re-stored would break. The walk still gives the head a pack records.
            var events = try Self.verifyEvents(db)
            guard events.isIntact else { return events }
            if let damage = try Self.structureProblem(db) {
                events.firstBreak = damage
                return events
            }
            if let misplaced = try StorageClassCheck.problem(db) {
                events.firstBreak = misplaced
                return events
            }
            let ledger = try RowLedger.verify(db)
            events.ledgerEntries = ledger.entries
            events.ledgerHead = ledger.head
            events.ledgerBaselines = ledger.baselines
            // A row that differs names itself first; a schema altered with no row changed yet names the schema.
            events.firstBreak = try ledger.problem ?? SchemaCheck.problem(db)
            return events
        }
    }

    /// SQLite's own check of the file (`PRAGMA integrity_check`): a damaged page, or an index that
    /// no longer holds what its table holds. The chain and the ledger read each table in key
    /// order; the rules, the packs and `query` read through the indexes too, so an index rebuilt
    /// without one client's events (its schema text unchanged) would hide them while every
    /// hash still matched. The first few problems, in SQLite's words; `nil` when it finds none.
    static func structureProblem(_ db: Database) throws -> String? {
        // A page too damaged for the check itself to read past throws SQLITE_CORRUPT, which every
        // command reports as a damaged warehouse (exit 4).
        let messages = try String.fetchAll(db, sql: "PRAGMA integrity_check(3)")
        guard messages != ["ok"] else { return nil }
        return "SQLite's integrity check finds the file damaged or an index apart from its table, which the rules read through: "
            + messages.map { ErrorText.prefix($0, scalars: 200) }.joined(separator: "; ")
    }

    /// The event chain's part of `verifyChain`: the walk, the heads the windows recorded, and
    /// that a chain begun under the row ledger still has one.
    static func verifyEvents(_ db: Database) throws -> ChainVerification {
        let count: Int64
        let previous: Data
        switch try ChainWalk.run(db) {
        case .gap(let expected, let found, let id, let head):
            return ChainVerification(rows: expected - 1, head: head.hex,
                firstBreak: found > expected ? "event_log rows \(expected)…\(found - 1) are missing (before event \(id))"
                    : "event_log row \(found) comes where row \(expected) belongs (event \(id)): its seq was changed")
        case .mismatch(let seq, let id, let head):
            return ChainVerification(rows: seq - 1, head: head.hex,
                firstBreak: "event_log row \(seq) (event \(id)): its hash does not match its content and the previous row")
        case .misplaced(let seq, let problem, let head):
            return ChainVerification(rows: seq - 1, head: head.hex, firstBreak: problem)
        case .intact(let rows, let head, let begunUnderLedger):
            if begunUnderLedger, try !db.tableExists(RowLedger.table) {
                return ChainVerification(rows: rows, head: head.hex, firstBreak: """
                    event_log row 1 chains from the row ledger's genesis, so this warehouse was begun under the row ledger, \
                    yet it has no row_ledger table: the ledger was removed (with its migration records, to look like an \
                    older warehouse whose rows a migration would record unchecked)
                    """)
            }
            (count, previous) = (rows, head)
        }
        let recorded = try Row.fetchAll(db, sql: """
            SELECT id, chain_seq, chain_head FROM extraction_window
            WHERE status = 'complete' AND chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1
            """)
        if let last = recorded.first {
            // Read as stored: a head or row of another kind (NULL, a number) is a break to name, not a value to trap on.
            guard let seq = Int64.fromDatabaseValue(last["chain_seq"]), let head = Data.fromDatabaseValue(last["chain_head"]) else {
                return ChainVerification(rows: count, head: previous.hex,
                    firstBreak: "extraction_window row \(last["id"] as DatabaseValue): the chain row or head it recorded is not a row number and a hash, so it was re-stored behind the tool's back")
            }
            if seq > count {
                return ChainVerification(rows: count, head: previous.hex,
                    firstBreak: "event_log rows \(count + 1)…\(seq) are missing: window \(last["id"] as DatabaseValue) recorded the chain at row \(seq)")
            }
            let atSeq = try Data.fetchOne(db, sql: "SELECT hash FROM event_log WHERE seq = ?", arguments: [seq])
            if atSeq != head {
                return ChainVerification(rows: count, head: previous.hex,
                    firstBreak: "event_log row \(seq): differs from the head window \(last["id"] as DatabaseValue) recorded")
            }
        }
        return ChainVerification(rows: count, head: previous.hex, firstBreak: nil)
    }
}
