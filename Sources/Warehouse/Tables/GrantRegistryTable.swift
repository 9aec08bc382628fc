import Crypto
import Foundation
import GRDB
import PartnerAuditCore

// `grant_registry`: the organisation's own known-grant registries as a history, one row per
// distinct content of each registry; read again unchanged, a registry stores nothing. Governed by
// the row ledger, like every table the rules read.

/// The registry table's name and schema, in one place.
enum GrantRegistryTable {
    static let name = "grant_registry"

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE grant_registry (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                entry_count INTEGER NOT NULL,
                entries_json TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                run_id INTEGER NOT NULL REFERENCES extraction_run(id),
                read_at TEXT NOT NULL
            );
            CREATE INDEX grant_registry_by_kind ON grant_registry(kind, read_at, id);
            """)
    }
}

/// A registry as the warehouse holds it: its content, and the read that stored it.
package struct StoredGrantRegistry: Sendable, Equatable {
    package var registry: GrantRegistry
    /// The extraction run that first read this content, and when.
    package var runID: Int64
    package var readAt: String

    package init(registry: GrantRegistry, runID: Int64, readAt: String) {
        self.registry = registry
        self.runID = runID
        self.readAt = readAt
    }
}

extension Warehouse {
    /// Stores `registry` when its content differs from the latest stored of its kind; `true` when stored.
    @discardableResult
    package func recordGrantRegistry(_ registry: GrantRegistry, runID: Int64, at now: Date) async throws -> Bool {
        let entries = Self.jsonArray(registry.entries)
        let hash = Data(SHA256.hash(data: Data(entries.utf8))).hex
        return try await database.write { db in
            let latest = try String.fetchOne(db, sql: "SELECT content_hash FROM grant_registry WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                             arguments: [registry.kind.rawValue])
            guard latest != hash else { return false }
            try db.execute(sql: """
                INSERT INTO grant_registry (kind, entry_count, entries_json, content_hash, run_id, read_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [registry.kind.rawValue, registry.entries.count, entries, hash, runID, Timestamp.format(now)])
            return true
        }
    }

    /// The latest stored content of each registry read at or before `moment`, by kind.
    package func grantRegistries(asOf moment: Int64) async throws -> [GrantRegistry.Kind: StoredGrantRegistry] {
        let text = Timestamp.format(milliseconds: moment)
        return try await database.read { db in
            var registries: [GrantRegistry.Kind: StoredGrantRegistry] = [:]
            for kind in GrantRegistry.Kind.allCases {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT entries_json, run_id, read_at FROM grant_registry WHERE kind = ? AND read_at <= ? ORDER BY id DESC LIMIT 1
                    """, arguments: [kind.rawValue, text]) else { continue }
                let json: String = row["entries_json"]
                guard let entries = (try? JSONParser.parse(Array(json.utf8)))?.stringArray else {
                    throw WarehouseError(.corrupt, path: path, message: "grant_registry: the \(kind.rawValue) registry stored by run \(row["run_id"] as Int64) is not a list of strings")
                }
                registries[kind] = StoredGrantRegistry(registry: GrantRegistry(kind: kind, entries: entries), runID: row["run_id"], readAt: row["read_at"])
            }
            return registries
        }
    }
}
