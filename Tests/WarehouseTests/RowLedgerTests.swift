import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("The row ledger: every table the rules and packs read is append-only and verified")
struct RowLedgerTests {
    /// Changes the file as an attacker with write access would: through a plain connection, the named triggers dropped first.
    private func tamper(_ fixture: WarehouseFixture, dropping triggers: [String], _ sql: String) throws {
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
            try db.execute(sql: sql)
        }
    }

    @Test("What the tool writes verifies: every insert and update is an entry")
    func intact() async throws {
        let fixture = try await WarehouseFixture.nightly()
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")
        #expect(verdict.ledgerEntries >= 8)
        #expect(verdict.ledgerBaselines == 0, "a warehouse begun under the ledger has no row it met unchecked")
        let tables = try await DatabaseQueue(path: fixture.path).read { db in
            try String.fetchSet(db, sql: "SELECT DISTINCT table_name FROM row_ledger")
        }
        #expect(tables.isSuperset(of: ["client_snapshot", "extraction_run", "extraction_window", "evaluation_run", "finding", "finding_change"]))
    }

    @Test("The SQL digest reads every byte of each value as SQLite holds it, as the Swift reference does")
    func digestReadsWholeValues() async throws {
        let queue = try DatabaseQueue()
        let (inSQL, beforeNUL) = try await queue.read { db in
            RowLedger.register(db)
            return (try String.fetchOne(db, sql: "SELECT partner_audit_row_digest(7, 2.5, 'caf\u{e9}', 'complete' || char(0) || 'x', X'00FF', NULL)"),
                    try String.fetchOne(db, sql: "SELECT partner_audit_row_digest(7, 2.5, 'caf\u{e9}', 'complete', X'00FF', NULL)"))
        }
        let reference = RowLedger.digest([7.databaseValue, 2.5.databaseValue, "caf\u{e9}".databaseValue, "complete\u{0}x".databaseValue,
                                          Data([0x00, 0xFF]).databaseValue, .null])
        #expect(inSQL == reference)
        #expect(inSQL != beforeNUL, "a text cut at its NUL digests as the text before it")
    }

    @Test("Without its functions, an outside connection can neither change nor delete a governed row")
    func outsideWritesRefused() async throws {
        let fixture = try await WarehouseFixture.nightly()
        let queue = try DatabaseQueue(path: fixture.path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE client_snapshot SET scopes_json = '[]'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM finding") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM row_ledger") } }
        #expect(try await fixture.warehouse.verifyChain().isIntact)
    }

    @Test("A tampered row of any governed table is named by verify", arguments: [
        ("the * scope removed from a client", ["ledger_client_snapshot_update"], "UPDATE client_snapshot SET scopes_json = '[]'", "client_snapshot row [1]"),
        ("a complete window planted over a skipped night", ["ledger_extraction_window_insert"],
         "INSERT INTO extraction_window (run_id, from_ts, to_ts, status, finished_at) VALUES (1, '2026-09-01T00:00:00.000Z', '2026-09-02T00:00:00.000Z', 'complete', '2026-09-02T00:00:00.000Z')",
         "extraction_window row [2] is in no ledger entry"),
        ("a finding deleted", ["ledger_finding_no_delete"], "DELETE FROM finding", #"finding row ["f1"] is gone"#),
        ("a finding's lifecycle rewritten", ["ledger_finding_update"], "UPDATE finding SET status = 'resolved'", #"finding row ["f1"] differs"#),
        ("a window's status given a NUL and more after it", ["ledger_extraction_window_update"],
         "UPDATE extraction_window SET status = status || char(0) || 'x'", "extraction_window row [1] differs"),
        ("a finding's status given a trailing NUL", ["ledger_finding_update"], "UPDATE finding SET status = status || char(0)", #"finding row ["f1"] differs"#),
        ("a ledger entry edited", ["row_ledger_no_update"], "UPDATE row_ledger SET digest = 'x' WHERE seq = 2", "row_ledger entry 2"),
        ("ledger entries deleted in the middle", ["row_ledger_no_delete"], "DELETE FROM row_ledger WHERE seq = 3", "row_ledger entries 3…3 are missing"),
    ])
    func tampering(what: String, triggers: [String], sql: String, named: String) async throws {
        let fixture = try await WarehouseFixture.nightly()
        try tamper(fixture, dropping: triggers, sql)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(!verdict.isIntact, "\(what) passed verify")
        #expect(verdict.firstBreak?.contains(named) == true, "\(what): \(verdict.firstBreak ?? "")")
    }

    @Test("Two identical rows under a NULL key, one recorded by the tool's own trigger, cannot hide a deleted row")
    func nullKeyCopiesHideNoDeletion() async throws {
        let fixture = try await WarehouseFixture.nightly()
        var configuration = GRDB.Configuration()
        configuration.prepareDatabase { RowLedger.register($0) }
        let queue = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try await queue.write { db in
            // A TEXT PRIMARY KEY takes NULL any number of times in SQLite; the first copy goes
            // in through the ledger's own trigger, which records it under the key [null].
            let copy = "INSERT INTO finding SELECT * FROM copied"
            try db.execute(sql: "CREATE TEMP TABLE copied AS SELECT * FROM finding WHERE fingerprint = 'f1'; UPDATE copied SET fingerprint = NULL")
            try db.execute(sql: copy)
            let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'ledger_finding_insert'") ?? ""
            try db.execute(sql: "DROP TRIGGER ledger_finding_insert")
            try db.execute(sql: copy)
            try db.execute(sql: trigger)
            let noDelete = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'ledger_finding_no_delete'") ?? ""
            try db.execute(sql: "DROP TRIGGER ledger_finding_no_delete; DELETE FROM finding WHERE fingerprint = 'f1'")
            try db.execute(sql: noDelete)
        }
        #expect(try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM finding WHERE fingerprint IS NULL") } == 2)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(!verdict.isIntact, "a finding deleted behind two NULL-key copies passed verify")
        #expect(verdict.firstBreak?.contains("column fingerprint") == true, "\(verdict.firstBreak ?? "nil")")
        // The ledger alone also sees it, as a key held by two rows.
        let ledger = try await queue.read { try RowLedger.verify($0).problem }
        #expect(ledger?.contains("finding holds the key [null] in more than one row") == true, "\(ledger ?? "nil")")
    }

    @Test("A row's seq moved to the least integer, in the event log or the ledger: named, not a trap", arguments: [
        ("event_log", "UPDATE event_log SET seq = -9223372036854775808 WHERE seq = 1", "event_log row -9223372036854775808 comes where row 1 belongs"),
        ("row_ledger", "UPDATE row_ledger SET seq = -9223372036854775808 WHERE seq = 1", "row_ledger entry -9223372036854775808 comes where entry 1 belongs"),
    ])
    func leastSeq(table: String, sql: String, named: String) async throws {
        let fixture = try await WarehouseFixture.nightly()
        try WarehouseFixture.tamper(path: fixture.path, table: table, sql)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains(named) == true, "\(verdict.firstBreak ?? "intact")")
    }

    @Test("The last complete window's recorded head or row re-stored as NULL or another kind: named, not a trap", arguments: [
        "UPDATE extraction_window SET chain_head = NULL", "UPDATE extraction_window SET chain_head = 7", "UPDATE extraction_window SET chain_seq = 'abc'",
    ])
    func windowHeadOfAnotherKind(sql: String) async throws {
        let fixture = try await WarehouseFixture.nightly()
        try WarehouseFixture.tamper(path: fixture.path, table: "extraction_window", sql + " WHERE chain_seq > 0")
        // A pack reads the head that seals its period too: a head that is no hash seals nothing.
        #expect(try await fixture.warehouse.chainMark(sealing: TimeWindow(fromMillis: 0, toMillis: .max)) == nil)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains("extraction_window row") == true || verdict.firstBreak?.contains("window 1") == true,
                "\(verdict.firstBreak ?? "intact")")
    }

    @Test("The last events deleted and the window's recorded head re-pointed to the new end: the window no longer matches its entry")
    func tailTruncation() async throws {
        let fixture = try await WarehouseFixture.nightly()
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER event_log_no_delete; DROP TRIGGER ledger_extraction_window_update")
            try db.execute(sql: "DELETE FROM event_log WHERE seq > 7")
            try db.execute(sql: "UPDATE extraction_window SET events_stored = 7, chain_seq = 7, chain_head = (SELECT hash FROM event_log WHERE seq = 7)")
        }
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains("extraction_window row [1] differs from its last ledger entry") == true, "\(verdict.firstBreak ?? "")")
    }

    @Test("A warehouse of the previous schema gets a baseline entry for every row it holds, and verifies")
    func baselineOnMigration() async throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v6-finding-resolution-note")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO checkpoint (name, value) VALUES ('audit-log.watermark', '2026-11-01T00:00:00.000Z')")
        }
        let warehouse = try Warehouse(database: queue)
        let verdict = try await warehouse.verifyChain()
        #expect(verdict.isIntact && verdict.ledgerEntries == 1)
        #expect(verdict.ledgerBaselines == 1, "verify says how many rows the ledger met unchecked")
        #expect(try await queue.read { try String.fetchOne($0, sql: "SELECT change FROM row_ledger") } == "baseline")
    }
}
