import GRDB

extension Warehouse {
    /// Refuses to migrate a warehouse whose row ledger does not verify against the schema it has now.
    ///
    /// `grdb_migrations` is not under the ledger, and a migration that re-governs a table records
    /// every row it finds as a `baseline` entry: a row planted behind the tool's back, with a
    /// migration record deleted so that the migration runs again, would come out recorded. So
    /// when migrations are pending on a warehouse that has a ledger, the storage classes and the
    /// ledger are checked first (an open with nothing pending costs nothing more).
    ///
    /// - Throws: `WarehouseError` `.tampered` naming the first problem; nothing is migrated.
    static func verifyBeforeMigrating(_ database: any DatabaseWriter, path: String) throws {
        let problem = try database.read { db -> String? in
            guard try db.tableExists(RowLedger.table), try !Migrations.migrator.hasCompletedMigrations(db) else { return nil }
            return try StorageClassCheck.problem(db) ?? RowLedger.verify(db).problem
        }
        if let problem {
            throw WarehouseError(.tampered, path: path, message: "\(problem) (the pending migrations were not applied)")
        }
    }
}
