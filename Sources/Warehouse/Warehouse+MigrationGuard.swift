import GRDB

extension Warehouse {
    /// Refuses to migrate a warehouse whose row ledger does not verify against the schema it has now.
    ///
    /// `grdb_migrations` is not under the ledger, and a migration that re-governs a table records
    /// every row it finds as a `baseline` entry: a row planted behind the tool's back, with a
    /// migration record deleted so that the migration runs again, would come out recorded. So
    /// when migrations are pending on a warehouse that has a ledger, the storage classes and the
    /// ledger are checked first (an open with nothing pending costs nothing more). When they are
    /// pending on a warehouse with events and no ledger, the event chain is walked: a chain begun
    /// under the ledger means the ledger was removed to have the migrations record every row anew.
    ///
    /// - Throws: `WarehouseError` `.tampered` naming the first problem; nothing is migrated.
    static func verifyBeforeMigrating(_ database: any DatabaseWriter, path: String) throws {
        let problem = try database.read { db -> String? in
            guard try !Migrations.migrator.hasCompletedMigrations(db) else { return nil }
            if try db.tableExists(RowLedger.table) {
                return try StorageClassCheck.problem(db) ?? RowLedger.verify(db).problem
            }
            guard try db.tableExists(EventLogTable.name) else { return nil }  // a new file
            return try Warehouse.verifyEvents(db).firstBreak
        }
        if let problem {
            throw WarehouseError(.tampered, path: path, message: "\(problem) (the pending migrations were not applied)")
        }
    }
}
