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
}
