import Foundation
import GRDB
import PartnerAuditCore

/// The local SQLite warehouse: one file, WAL mode, migrated forward on open.
///
/// Events are append-only and hash-chained; clients are kept as a history of snapshots;
/// every extraction run and window is recorded for coverage.
package final class Warehouse: Sendable {
    /// The file this warehouse lives in (`:memory:` for one opened over an in-memory database).
    package let path: String
    let database: any DatabaseWriter

    /// Opens (creating if needed) the warehouse at `path` and applies pending migrations.
    ///
    /// - Throws: `WarehouseError` `.cannotOpen` when the file cannot be opened or migrated,
    ///   `.newerSchema` when a newer PartnerAudit wrote it, `.tampered` when it does not verify
    ///   before a pending migration.
    package convenience init(path: String) throws(WarehouseError) {
        let pool: DatabasePool
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = GRDB.Configuration()
            configuration.busyMode = .timeout(10)
            // WAL with synchronous=NORMAL: a commit survives the process being killed at any instant;
            // after a power loss the last windows may be missing, together with their checkpoint,
            // so the next run simply extracts them again.
            configuration.prepareDatabase { db in
                // 16 KiB pages for a new file (an existing one keeps its own): a gateway event's row
                // and its four index entries take fewer pages, and the writer a quarter of the
                // system calls; ingest's writer measured 17% less CPU than with 4 KiB (README, Performance).
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                RowLedger.register(db)
            }
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw WarehouseError(.cannotOpen, path: path, underlying: error)
        }
        try self.init(database: pool, path: path)
    }

    /// Opens an existing warehouse read-only, for commands that only check it (`verify`):
    /// nothing is migrated and the file's bytes are never changed. In a folder the user cannot
    /// write, it is opened as immutable when that is safe (`ReadOnlyOpening`).
    ///
    /// - Throws: `WarehouseError` `.notFound` when there is no file, `.newerSchema` when a
    ///   newer PartnerAudit wrote it, `.cannotOpen` when SQLite cannot open it.
    package convenience init(readingOnly path: String) throws(WarehouseError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WarehouseError(.notFound, path: path, message: "nothing to read")
        }
        let opening = try ReadOnlyOpening(path: path)
        let queue: DatabaseQueue
        do {
            var configuration = GRDB.Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in RowLedger.register(db) }
            queue = try DatabaseQueue(path: opening.sqlitePath, configuration: configuration)
        } catch {
            throw WarehouseError(.cannotOpen, path: path, underlying: error)
        }
        try self.init(database: queue, path: path, migrating: false)
    }

    /// Opens the warehouse over any database — a file's pool, or an in-memory queue in tests —
    /// and applies pending migrations (unless `migrating` is false: a read-only opening).
    ///
    /// - Throws: `WarehouseError` `.newerSchema` when the database holds migrations this
    ///   version does not know (a newer PartnerAudit wrote it: nothing is changed), `.tampered`
    ///   when migrations are pending and its row ledger does not verify (`verifyBeforeMigrating`),
    ///   else `.cannotOpen` when migrating fails.
    package init(database: any DatabaseWriter, path: String = ":memory:", migrating: Bool = true) throws(WarehouseError) {
        self.path = path
        self.database = database
        let migrator = Migrations.migrator
        do {
            // The row ledger's triggers call its functions on every write (a pool's readers get them as they open).
            // The writer stores a window's rows through `ChainedRowsTable`.
            try database.writeWithoutTransaction {
                RowLedger.register($0)
                ChainedRowsTable.register($0)
            }
            let unknown = try database.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
            guard unknown.isEmpty else {
                throw WarehouseError(.newerSchema, path: path, message: "it holds migrations this version does not know (\(unknown.joined(separator: ", "))); use the PartnerAudit that wrote it, or a newer one")
            }
            if migrating {
                try Self.verifyBeforeMigrating(database, path: path)
                try migrator.migrate(database)
            } else if try database.read({ try migrator.appliedIdentifiers($0).isEmpty }) {
                throw WarehouseError(.cannotOpen, path: path, message: "it is not a PartnerAudit warehouse (no schema migration was ever applied to it)")
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw WarehouseError(.cannotOpen, path: path, underlying: error)
        }
    }

    /// The schema migrations applied so far, oldest first.
    package func appliedMigrations() throws -> [String] {
        try database.read { try Migrations.migrator.appliedMigrations($0) }
    }
}
