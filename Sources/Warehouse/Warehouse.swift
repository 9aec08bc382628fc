import Foundation
import GRDB
import PartnerAuditCore

/// The local SQLite warehouse: one file, WAL mode, migrated forward on open.
///
/// Events are append-only and hash-chained; clients are kept as a history of snapshots;
/// every extraction run and window is recorded for coverage.
package final class Warehouse: Sendable {
    /// The file this warehouse lives in.
    package let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the warehouse at `path` and applies pending migrations.
    package init(path: String) throws(WarehouseError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = GRDB.Configuration()
            configuration.busyMode = .timeout(10)
            // WAL with synchronous=NORMAL: a commit survives the process being killed at any instant;
            // after a power loss the last windows may be missing, together with their checkpoint,
            // so the next run simply extracts them again.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw WarehouseError(.cannotOpen, path: path, underlying: error)
        }
    }

    /// The schema migrations applied so far, oldest first.
    package func appliedMigrations() throws -> [String] {
        try pool.read { try Migrations.migrator.appliedMigrations($0) }
    }
}

/// A warehouse that cannot be opened, written or read: names the file and what went wrong.
package struct WarehouseError: Error, Sendable, CustomStringConvertible, ExitCodeProviding {
    package enum Code: Sendable { case cannotOpen, writeRefused, queryFailed, notFound }
    package let code: Code
    package let path: String
    package let message: String

    package init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    init(_ code: Code, path: String, underlying: any Error) {
        let text = (underlying as? DatabaseError).map { $0.message ?? "\($0)" } ?? "\(underlying)"
        self.init(code, path: path, message: text)
    }

    package var description: String {
        switch code {
        case .cannotOpen: "cannot open the warehouse \(path): \(message)"
        case .writeRefused: "refused: \(message)"
        case .queryFailed: "query failed on \(path): \(message)"
        case .notFound: "no warehouse at \(path): \(message)"
        }
    }

    package var exitStatus: ExitStatus { .usage }
}
