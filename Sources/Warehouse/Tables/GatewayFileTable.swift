import Foundation
import GRDB
import PartnerAuditCore

// `gateway_file`: where the gateway source stands in each access-log file it has read, by the
// file's identity (its content, not its path or inode: a rotated or compressed file is the same
// file). Moved only inside the transaction that stores the lines it covers; governed by the
// row ledger. The `gateway_files` view is cli.md's.

/// The gateway state table's name, schema and documented view, in one place.
enum GatewayFileTable {
    static let name = "gateway_file"

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE gateway_file (
                identity TEXT PRIMARY KEY,
                path TEXT NOT NULL,
                format TEXT NOT NULL,
                position INTEGER NOT NULL,
                line INTEGER NOT NULL,
                lines_read INTEGER NOT NULL,
                lines_stored INTEGER NOT NULL,
                lines_rejected INTEGER NOT NULL,
                rejections_json TEXT NOT NULL,
                first_request TEXT,
                last_request TEXT,
                run_id INTEGER NOT NULL REFERENCES extraction_run(id),
                updated_at TEXT NOT NULL
            );
            CREATE VIEW gateway_files AS
                SELECT path, identity, lines_read, lines_stored AS stored, lines_rejected AS rejected, position AS last_position,
                       format, first_request, last_request, updated_at
                FROM gateway_file;
            """)
    }
}

/// A line the gateway source did not store: its number in the file and why.
package struct GatewayRejection: Sendable, Equatable, Codable {
    package var line: Int64
    package var reason: String

    package init(line: Int64, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// Where the gateway source stands in one access-log file.
package struct GatewayFileState: Sendable, Equatable {
    /// The file's content fingerprint (hex): the same across rotation and compression.
    package var identity: String
    /// Where the file was last read from.
    package var path: String
    package var format: String
    /// Bytes of the (decompressed) content consumed: every complete line before it is read.
    package var position: Int64 = 0
    /// The number of the last line consumed (lines are numbered from 1 in the file).
    package var line: Int64 = 0
    package var linesRead = 0
    package var linesStored = 0
    package var linesRejected = 0
    /// The first few rejected lines (at most `GatewayFileState.namedRejections`).
    package var rejections: [GatewayRejection] = []
    /// The first and last request times of the stored lines.
    package var firstRequest: Int64?
    package var lastRequest: Int64?

    /// How many rejected lines a file's state names.
    package static let namedRejections = 5

    package init(identity: String, path: String, format: String) {
        self.identity = identity
        self.path = path
        self.format = format
    }

    /// Counts one rejected line, naming it while fewer than `namedRejections` are.
    package mutating func reject(line number: Int64, reason: String) {
        linesRejected += 1
        if rejections.count < Self.namedRejections { rejections.append(GatewayRejection(line: number, reason: reason)) }
    }

    /// Widens the request span by one stored line's time.
    package mutating func cover(_ instant: Int64) {
        firstRequest = min(firstRequest ?? instant, instant)
        lastRequest = max(lastRequest ?? instant, instant)
    }
}

/// What one committed gateway batch added.
package struct GatewayBatchCommit: Sendable, Equatable {
    /// Lines of the batch stored for the first time (a line read before stores nothing).
    package var stored: Int
}

extension Warehouse {
    /// The state of the file whose identity is `identity`; `nil` for a file never read.
    package func gatewayFile(identity: String) async throws -> GatewayFileState? {
        let path = self.path
        return try await database.read { db in
            try Row.fetchOne(db, sql: "\(Self.gatewayFileSelect) WHERE identity = ?", arguments: [identity]).map { try Self.gatewayFileState($0, warehouse: path) }
        }
    }

    /// Every gateway file's state, by path then identity.
    package func gatewayFiles() async throws -> [GatewayFileState] {
        let path = self.path
        return try await database.read { db in
            // A state copied in under a NULL identity (which verify names) is no file the tool read.
            try Row.fetchAll(db, sql: "\(Self.gatewayFileSelect) WHERE identity IS NOT NULL ORDER BY path, identity").map { try Self.gatewayFileState($0, warehouse: path) }
        }
    }

    /// Stores one batch of a gateway file in a single transaction: its events appended to the
    /// chain (ids already stored dropped) under a `gateway` window spanning their times (`span`)
    /// that records the chain's head,
    /// the file's state moved to `state` (whose `linesStored` does not yet count this batch), and
    /// the gateway source's line of run `runID`.
    ///
    /// Either all of it is stored or none of it: a run killed at any instant resumes exactly
    /// where the last batch ended.
    package func commitGatewayBatch(
        runID: Int64, state: GatewayFileState, events: PreparedEvents, span: TimeWindow, linesRead: Int, at now: Date
    ) async throws -> GatewayBatchCommit {
        try await database.write { db in
            let finishedAt = Timestamp.format(now)
            var stored = 0
            // Every statement of a batch is cached: compiling them (and the row ledger's
            // triggers with them) took a twentieth of the writer's time.
            if events.count > 0 {
                try db.cachedStatement(sql: """
                    INSERT INTO extraction_window (run_id, from_ts, to_ts, status, pages, events_seen, finished_at, source)
                    VALUES (?, ?, ?, 'complete', 0, ?, ?, ?)
                    """).execute(arguments: [runID, Timestamp.format(milliseconds: span.fromMillis), Timestamp.format(milliseconds: span.toMillis),
                                     events.count, finishedAt, SourceName.gateway.rawValue])
                let windowID = db.lastInsertedRowID
                let appended = try Self.appendChained(db, events, windowID: windowID)
                stored = appended.stored
                try db.cachedStatement(sql: "UPDATE extraction_window SET events_stored = ?, chain_seq = ?, chain_head = ? WHERE id = ?")
                    .execute(arguments: [stored, appended.seq, appended.head, windowID])
            }
            let rejections = String(decoding: try JSONEncoder().encode(state.rejections), as: UTF8.self)
            try db.cachedStatement(sql: """
                INSERT INTO gateway_file (identity, path, format, position, line, lines_read, lines_stored, lines_rejected,
                    rejections_json, first_request, last_request, run_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(identity) DO UPDATE SET path = excluded.path, format = excluded.format, position = excluded.position,
                    line = excluded.line, lines_read = excluded.lines_read, lines_stored = excluded.lines_stored,
                    lines_rejected = excluded.lines_rejected, rejections_json = excluded.rejections_json,
                    first_request = excluded.first_request, last_request = excluded.last_request, run_id = excluded.run_id,
                    updated_at = excluded.updated_at
                """).execute(arguments: [
                    state.identity, state.path, state.format, state.position, state.line, state.linesRead, state.linesStored + stored,
                    state.linesRejected, rejections, state.firstRequest.map { Timestamp.format(milliseconds: $0) },
                    state.lastRequest.map { Timestamp.format(milliseconds: $0) }, runID, finishedAt,
                ])
            try Self.countWindow(db, source: .gateway, runID: runID, pages: 0, requests: 0, seen: linesRead, stored: stored)
            return GatewayBatchCommit(stored: stored)
        }
    }

    private static let gatewayFileSelect = """
        SELECT identity, path, format, position, line, lines_read, lines_stored, lines_rejected, rejections_json,
               first_request, last_request FROM gateway_file
        """

    /// A stored state; a value the code does not know is an error naming the file.
    private static func gatewayFileState(_ row: Row, warehouse: String) throws -> GatewayFileState {
        var state = GatewayFileState(identity: row["identity"], path: row["path"], format: row["format"])
        state.position = row["position"]
        state.line = row["line"]
        state.linesRead = row["lines_read"]
        state.linesStored = row["lines_stored"]
        state.linesRejected = row["lines_rejected"]
        let json: String = row["rejections_json"]
        do {
            state.rejections = try JSONDecoder().decode([GatewayRejection].self, from: Data(json.utf8))
        } catch {
            throw WarehouseError(.corrupt, path: warehouse, message: "gateway_file \(state.identity): rejections_json is not a list of rejections")
        }
        for (column, keyPath) in [("first_request", \GatewayFileState.firstRequest), ("last_request", \.lastRequest)] {
            guard let text: String = row[column] else { continue }
            guard let instant = Timestamp.parseMilliseconds(text) else {
                throw WarehouseError(.corrupt, path: warehouse, message: "gateway_file \(state.identity): \(column) '\(text)' is not a timestamp")
            }
            state[keyPath: keyPath] = instant
        }
        return state
    }
}
