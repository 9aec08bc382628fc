import Foundation
import GRDB
import Testing
@testable import Warehouse

@Suite("A warehouse whose ledger does not verify is not migrated")
struct MigrationGuardTests {
    @Test("A window planted behind the ledger's back and a migration forgotten: opening refuses to migrate, naming the window")
    func plantedRowIsNotLaundered() async throws {
        let fixture = try WarehouseFixture()
        let older = try fixture.olderWarehouse(upTo: "v10-grant-registries") { db in
            try db.execute(sql: "INSERT INTO extraction_run (started_at, status, dialect, since, until, windows, pages, requests, events_seen, events_stored, clients) VALUES ('2026-11-07T00:00:00.000Z', 'complete', 'guide', '2026-11-07T00:00:00.000Z', '2026-11-08T00:00:00.000Z', 1, 1, 1, 0, 0, 0)")
            try db.execute(sql: "DROP TRIGGER ledger_extraction_window_insert")
            try db.execute(sql: "INSERT INTO extraction_window (run_id, from_ts, to_ts, status, pages, events_seen, events_stored, finished_at, source) VALUES (1, '2026-11-07T00:00:00.000Z', '2026-11-08T00:00:00.000Z', 'complete', 1, 0, 0, '2026-11-08T00:05:00.000Z', 'audit-log')")
        }
        do {
            _ = try Warehouse(path: older)
            Issue.record("a warehouse whose ledger does not verify was migrated")
        } catch {
            #expect(error.code == .tampered)
            #expect(error.message.contains("extraction_window row [1] is in no ledger entry"), "\(error.message)")
        }
        let applied = try await DatabaseQueue(path: older).read { try Migrations.migrator.appliedIdentifiers($0) }
        #expect(!applied.contains("v11-window-rejected-events"), "the migration ran")
    }

    @Test("A warehouse of an older schema whose ledger verifies is migrated and verifies")
    func intactOlderWarehouseMigrates() async throws {
        let fixture = try WarehouseFixture()
        let older = try fixture.olderWarehouse(upTo: "v10-grant-registries") { db in
            try db.execute(sql: "INSERT INTO checkpoint (name, value) VALUES ('audit-log.watermark', '2026-11-01T00:00:00.000Z')")
        }
        let verdict = try await Warehouse(path: older).verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")
    }

    @Test("A warehouse begun under the ledger, its ledger dropped with its migration records to look older: verify names it, opening refuses to migrate")
    func droppedLedgerIsNotRebaselined() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit([WarehouseFixture.event("e1"), WarehouseFixture.event("e2", offset: 1)])
        try Self.lookLikeV6(fixture.path) { db in
            try db.execute(sql: "UPDATE extraction_window SET status = 'failed'")  // the change the ledger would have caught
        }
        let verdict = try await Warehouse(readingOnly: fixture.path).verifyChain()
        #expect(verdict.firstBreak?.contains("chains from the row ledger's genesis") == true, "\(verdict.firstBreak ?? "verified")")
        do {
            _ = try Warehouse(path: fixture.path)
            Issue.record("a warehouse whose ledger was removed was migrated, its rows recorded anew")
        } catch {
            #expect(error.code == .tampered)
        }
        let applied = try await DatabaseQueue(path: fixture.path).read { try Migrations.migrator.appliedIdentifiers($0) }
        #expect(!applied.contains("v7-row-ledger"), "the ledger's migration ran again")
    }

    @Test("A warehouse begun before the ledger (its chain from zero bytes) still verifies and migrates, its rows recorded as a baseline")
    func chainBegunBeforeTheLedgerMigrates() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit([WarehouseFixture.event("e1"), WarehouseFixture.event("e2", offset: 1)])
        try Self.lookLikeV6(fixture.path) { db in
            // As a version before the ledger wrote it: the first row chains from the empty chain's head.
            var previous = HashChain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT \(StoredEventFields.columns), seq FROM event_log ORDER BY seq") {
                let seq: Int64 = row[16]
                previous = HashChain.hash(previous: previous, fields: HashChain.fields(seq: seq, event: StoredEventFields(row: row)))
                try db.execute(sql: "UPDATE event_log SET hash = ? WHERE seq = ?", arguments: [previous, seq])
                try db.execute(sql: "UPDATE extraction_window SET chain_head = ? WHERE chain_seq = ?", arguments: [previous, seq])
            }
        }
        #expect(try await Warehouse(readingOnly: fixture.path).verifyChain().isIntact)
        let verdict = try await Warehouse(path: fixture.path).verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")
        #expect(verdict.rows == 2 && verdict.ledgerEntries > 0)
        let rows = try await DatabaseQueue(path: fixture.path).read {
            try Int64.fetchOne($0, sql: "SELECT count(DISTINCT table_name || ' ' || row_key) FROM row_ledger")
        }
        #expect(verdict.ledgerBaselines == rows, "every row it held was met unchecked, each counted once")
    }

    /// Makes a current warehouse look as `v6-finding-resolution-note` left it: the ledger, its
    /// triggers, the later tables and columns and their migration records gone; `change` runs
    /// with the event log's guards off, which are put back after it.
    private static func lookLikeV6(_ path: String, change: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let eventGuards = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event_log'")
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'ledger_%' OR tbl_name = 'row_ledger' OR tbl_name = 'event_log')") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            for view in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'view'
                AND (sql LIKE '%api_usage_row%' OR sql LIKE '%gateway_file%' OR sql LIKE '%grant_registry%')
                """) {
                try db.execute(sql: "DROP VIEW \(view)")
            }
            try db.execute(sql: """
                DROP TABLE row_ledger; DROP TABLE api_usage_row; DROP TABLE gateway_file; DROP TABLE grant_registry;
                ALTER TABLE extraction_window DROP COLUMN rejected_json; ALTER TABLE extraction_window DROP COLUMN source;
                DROP INDEX event_log_by_action; CREATE INDEX event_log_by_action ON event_log(action, timestamp);
                DELETE FROM grdb_migrations WHERE identifier IN
                    ('v7-row-ledger', 'v8-api-usage', 'v9-gateway-files', 'v10-grant-registries', 'v11-window-rejected-events',
                     'v12-action-index-without-requests');
                """)
            try change(db)
            for sql in eventGuards { try db.execute(sql: sql) }
        }
        try queue.close()
    }
}
