import Crypto
import Foundation
import GRDB
import PartnerAuditCore

// `client_snapshot`: the OAuth clients as a history, one row per distinct state.

/// What one client snapshot changed in the history.
package struct ClientHistoryChanges: Sendable, Equatable {
    package var added = 0
    package var changed = 0
    package var unchanged = 0
    package var removed = 0
}

extension Warehouse {
    /// Records the source's current clients: a new snapshot for a client that is new or changed,
    /// nothing for one that is the same, and a closed history for one that is gone.
    package func recordClients(_ clients: [ClientSnapshot], runID: Int64?, at now: Date) async throws -> ClientHistoryChanges {
        try await database.write { db in
            let moment = Timestamp.format(now)
            var current: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT client_id, content_hash FROM client_snapshot WHERE valid_to IS NULL") {
                current[row["client_id"]] = row["content_hash"]
            }
            var changes = ClientHistoryChanges()
            var seen = Set<String>()
            for client in clients where seen.insert(client.id).inserted {
                let hash = Self.contentHash(client)
                switch current[client.id] {
                case hash?:
                    changes.unchanged += 1
                    continue
                case nil:
                    changes.added += 1
                case _?:
                    changes.changed += 1
                    try Self.closeSnapshot(db, clientID: client.id, at: moment)
                }
                try Self.insertSnapshot(db, client, hash: hash, runID: runID, at: moment)
            }
            for gone in Set(current.keys).subtracting(seen) {
                try Self.closeSnapshot(db, clientID: gone, at: moment)
                changes.removed += 1
            }
            return changes
        }
    }

    /// The snapshots of one client, oldest first.
    package func clientHistory(id: String) async throws -> [ClientSnapshot] {
        try await database.read { db in
            ClientSnapshot.decode(try Row.fetchAll(db, sql: "SELECT * FROM client_snapshot WHERE client_id = ? ORDER BY seq", arguments: [id]))
        }
    }

    /// The client snapshots valid at `moment` (the latest snapshot observed at or before it).
    package func clients(asOf moment: Int64) async throws -> [ClientSnapshot] {
        let text = Timestamp.format(milliseconds: moment)
        return try await database.read { db in
            ClientSnapshot.decode(try Row.fetchAll(db, sql: """
                SELECT * FROM client_snapshot WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY client_id
                """, arguments: [text, text]))
        }
    }

    /// Every snapshot valid at some time in the window (the grants held during a period), oldest first.
    package func clientSnapshots(during window: TimeWindow) async throws -> [(validFrom: String, validTo: String?, client: ClientSnapshot)] {
        try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM client_snapshot WHERE valid_from < ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY client_id, seq
                """, arguments: [Timestamp.format(milliseconds: window.toMillis), Timestamp.format(milliseconds: window.fromMillis)])
            return zip(rows, ClientSnapshot.decode(rows)).map { row, client in (row["valid_from"], row["valid_to"], client) }
        }
    }

    /// The earliest moment the client history knows (the first snapshot's `valid_from`).
    package func clientHistoryStart() async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT min(valid_from) FROM client_snapshot")
        }
    }

    private static func insertSnapshot(_ db: Database, _ client: ClientSnapshot, hash: String, runID: Int64?, at moment: String) throws {
        let convention = client.nameConvention
        // Cached: compiled for every client (the ledger's triggers with it), the statements of
        // a first run over 1,000 clients were compiled 1,000 times.
        try db.cachedStatement(sql: """
            INSERT INTO client_snapshot (client_id, valid_from, name, partner, environment, description, type, grant_type,
                scopes_json, redirect_uris_json, ip_allowlist_json, allow_access_to_all_users, is_third_party, state,
                date_created, date_modified, secret_last_rotated, raw_json, content_hash, run_id, ip_allowlist_scope)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                client.id, moment, client.name, convention?.partner, convention?.environment, client.description,
                client.type.text, client.grantType.text, jsonArray(client.scopes), jsonArray(client.redirectURIs),
                client.ipAllowlist.map(jsonArray), client.allowAccessToAllUsers, client.isThirdParty, client.state.text,
                client.dateCreated, client.dateModified, client.secretLastRotated, client.rawJSON, hash, runID,
                client.ipAllowlistScope.rawValue,
            ])
    }

    private static func closeSnapshot(_ db: Database, clientID: String, at moment: String) throws {
        try db.cachedStatement(sql: "UPDATE client_snapshot SET valid_to = ? WHERE client_id = ? AND valid_to IS NULL")
            .execute(arguments: [moment, clientID])
    }

    /// A digest of everything the snapshot says (the raw JSON holds every field the source sent).
    static func contentHash(_ client: ClientSnapshot) -> String {
        Data(SHA256.hash(data: Data(client.rawJSON.utf8))).hex
    }

    static func jsonArray(_ values: [String]) -> String {
        JSONValue.array(values.map(JSONValue.string)).canonicalText
    }
}

extension ClientSnapshot {
    /// Snapshots from `client_snapshot` rows. Identical lists (the live dialect's organisation-wide
    /// allowlist is on every client) are decoded once and shared, not copied per client.
    static func decode(_ rows: [Row]) -> [ClientSnapshot] {
        var lists = StringListCache()
        return rows.map { ClientSnapshot(row: $0, lists: &lists) }
    }

    init(row: Row, lists: inout StringListCache) {
        self.init(
            id: row["client_id"], name: row["name"], description: row["description"], type: ClientType(text: row["type"]),
            grantType: GrantType(text: row["grant_type"]), redirectURIs: lists.decode(row["redirect_uris_json"]) ?? [], scopes: lists.decode(row["scopes_json"]) ?? [],
            allowAccessToAllUsers: row["allow_access_to_all_users"], isThirdParty: row["is_third_party"],
            ipAllowlist: lists.decode(row["ip_allowlist_json"]),
            ipAllowlistScope: (row["ip_allowlist_scope"] as String?).flatMap(AllowlistScope.init(rawValue:)) ?? .client, state: ClientState(text: row["state"]),
            dateCreated: row["date_created"], dateModified: row["date_modified"], secretLastRotated: row["secret_last_rotated"], rawJSON: row["raw_json"])
    }
}

/// Decodes JSON lists of strings, each distinct text once.
struct StringListCache {
    private var decoded: [String: [String]] = [:]

    mutating func decode(_ text: String?) -> [String]? {
        guard let text else { return nil }
        if let known = decoded[text] { return known }
        let list = (try? JSONParser.parse(text))?.stringArray
        if let list { decoded[text] = list }
        return list
    }
}
