import Foundation
import GRDB
import GRDBSQLite
import PartnerAuditCore

// A window committed: its events appended to the chain, its record, the run's counters and
// the checkpoint, in one transaction.

/// What one committed window added.
package struct WindowCommit: Sendable, Equatable {
    package var windowID: Int64
    /// Events in the window that were not stored before.
    package var stored: Int
    /// Events the source returned for the window (duplicates included).
    package var seen: Int
    /// The chain's last row after the commit.
    package var chainSeq: Int64
    package var chainHead: Data
}

extension Warehouse {
    /// Stores one extracted window of the audit log in a single transaction: its new events
    /// (dropping ids already stored), the window's record, the run's counters and the audit
    /// log's line of them and, for incremental runs, the audit log's watermark.
    ///
    /// Either all of it is stored or none of it: a run killed at any instant loses nothing and
    /// stores nothing twice.
    package func commitWindow(
        runID: Int64, window: TimeWindow, pages: Int, requests: Int, events: [AuditEvent], rejected: [RejectedEvent] = [],
        advancesWatermark: Bool, at now: Date
    ) async throws -> WindowCommit {
        try await commitWindow(
            runID: runID, window: window, pages: pages, requests: requests, events: try PreparedEvents(events), rejected: rejected,
            advancesWatermark: advancesWatermark, at: now)
    }

    /// Stores one extracted window whose events were prepared outside the transaction (see
    /// `PreparedEvents`): the extractor's path, which keeps the single writer's work per row to
    /// hashing and SQLite.
    ///
    /// `rejected`: events of the window the source sent that could not be read, left out of
    /// `events` and recorded with the window (`rejected_json`).
    package func commitWindow(
        runID: Int64, window: TimeWindow, pages: Int, requests: Int, events: PreparedEvents, rejected: [RejectedEvent] = [],
        advancesWatermark: Bool, at now: Date
    ) async throws -> WindowCommit {
        let rejectedJSON = rejected.isEmpty ? nil : RejectedEvent.jsonText(rejected)
        return try await database.write { db in
            let finishedAt = Timestamp.format(now)
            try db.execute(
                sql: """
                    INSERT INTO extraction_window (run_id, from_ts, to_ts, status, pages, events_seen, finished_at, rejected_json)
                    VALUES (?, ?, ?, 'complete', ?, ?, ?, ?)
                    """,
                arguments: [runID, Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis), pages,
                            events.count, finishedAt, rejectedJSON])
            let windowID = db.lastInsertedRowID
            let (stored, seq, head) = try Self.appendChained(db, events, windowID: windowID)
            try db.execute(
                sql: "UPDATE extraction_window SET events_stored = ?, chain_seq = ?, chain_head = ? WHERE id = ?",
                arguments: [stored, seq, head, windowID])
            try db.execute(sql: """
                UPDATE extraction_run SET windows = windows + 1, pages = pages + ?, requests = requests + ?,
                    events_seen = events_seen + ?, events_stored = events_stored + ? WHERE id = ?
                """, arguments: [pages, requests, events.count, stored, runID])
            try Self.countWindow(db, source: .auditLog, runID: runID, pages: pages, requests: requests, seen: events.count, stored: stored)
            if advancesWatermark {
                try Self.setWatermark(db, of: .auditLog, to: window.toMillis)
            }
            return WindowCommit(windowID: windowID, stored: stored, seen: events.count, chainSeq: seq, chainHead: head)
        }
    }

    /// Appends `events` to the chain as rows of window `windowID`, dropping ids already stored
    /// (inside the caller's transaction): how many were new, and the chain's last row and hash after.
    ///
    /// All of them go in one `INSERT … SELECT` (`ChainedRowsTable`) when none is stored yet;
    /// when one is (the statement then stores nothing), or `allAtOnce` is false, row by row.
    static func appendChained(
        _ db: Database, _ events: PreparedEvents, windowID: Int64, allAtOnce: Bool = true
    ) throws -> (stored: Int, seq: Int64, head: Data) {
        let (lastSeq, lastHash) = try chainTail(db)
        if allAtOnce, events.count > 1, let appended = try appendAllNew(db, events, windowID: windowID, after: (lastSeq, lastHash)) {
            return appended
        }
        var tail = HashChain.Tail(seq: lastSeq, head: lastHash, windowID: windowID)
        var stored = 0
        let insert = try EventInsertStatement(db)
        defer { insert.finalize() }
        try events.bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<events.count {
                let hash = tail.hash(next: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[events.encoded(index)])))
                let inserted = try hash.withUnsafeBytes {
                    try insert.insert(seq: tail.seq + 1, index, of: events, bytes: bytes, windowID: windowID, hash: $0)
                }
                if inserted {
                    tail.advance(to: hash)
                    stored += 1
                }
            }
        }
        return (stored, tail.seq, tail.headData)
    }

    /// Stores every one of `events` as the rows after `last`, in one statement: `nil`, with
    /// nothing stored, when one of them is already stored or comes twice.
    static func appendAllNew(
        _ db: Database, _ events: PreparedEvents, windowID: Int64, after last: (seq: Int64, hash: Data)
    ) throws -> (stored: Int, seq: Int64, head: Data)? {
        var tail = HashChain.Tail(seq: last.seq, head: last.hash, windowID: windowID)
        let hashes = events.bytes.withUnsafeBufferPointer { bytes in
            var hashes = [UInt8]()
            hashes.reserveCapacity(events.count * 32)
            for index in 0..<events.count {
                let hash = tail.hash(next: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[events.encoded(index)])))
                hash.withUnsafeBytes { hashes.append(contentsOf: $0) }
                tail.advance(to: hash)
            }
            return hashes
        }
        let stored = try hashes.withUnsafeBufferPointer { hashes in
            try events.withBuffers { buffers in
                try insertAll(db, ChainedRows(events: buffers, hashes: hashes, firstSeq: last.seq + 1, windowID: windowID))
            }
        }
        return stored.map { ($0, tail.seq, tail.headData) }
    }

    /// Inserts all of `rows` in one statement: how many, or `nil` when one of them is already
    /// stored or comes twice (SQLite then undoes the statement's rows).
    private static func insertAll(_ db: Database, _ rows: ChainedRows) throws -> Int? {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        let sql = insertAllSQL
        // Cached, like a gateway batch's other statements: compiling them every window took about
        // a twentieth of the writer's CPU.
        let statement = try db.cachedStatement(sql: sql).sqliteStatement
        var rows = rows
        let code = withUnsafeMutablePointer(to: &rows) { pointer in
            sqlite3_bind_pointer(statement, 1, pointer, ChainedRowsTable.pointerTypeName, nil)
            let code = sqlite3_step(statement)
            // The pointer is valid only here: the statement keeps nothing of it once it returns.
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            return code
        }
        switch code {
        case SQLITE_DONE:
            let stored = Int(sqlite3_changes(connection))
            guard stored == rows.count else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "stored \(stored) of a window's \(rows.count) rows", sql: sql)
            }
            return stored
        case let code where code & 0xFF == SQLITE_CONSTRAINT:
            return nil
        default:
            throw DatabaseError.last(of: connection, sql: sql)
        }
    }

    /// Every row of a `ChainedRows` into `event_log`; fails whole on an id already stored.
    private static let insertAllSQL = """
        INSERT INTO event_log (\(EventLogTable.columnList)) SELECT \(EventLogTable.columnList) FROM \(ChainedRowsTable.name)(?1)
        """

    /// The last row of the chain: its `seq` (0 when empty) and hash.
    static func chainTail(_ db: Database) throws -> (Int64, Data) {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1")) {
            return (row["seq"], row["hash"])
        }
        return (0, HashChain.genesis)
    }
}

extension StoredEventFields {
    init(event: AuditEvent, windowID: Int64) {
        self.init(
            id: event.id, timestamp: event.timestamp, actorType: event.actorType.text, actorID: event.actorID,
            action: event.action.text, resource: event.resource, resourceID: event.resourceID, outcome: event.outcome.text,
            sourceIP: event.sourceIP, method: event.method, path: event.path, status: event.status,
            scope: event.scope, userAgent: event.userAgent, rawJSON: event.rawJSON, windowID: windowID)
    }
}
