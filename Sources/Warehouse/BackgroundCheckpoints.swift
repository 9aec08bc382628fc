import Foundation
import GRDB

/// Copies the write-ahead log's committed pages into the database file on a connection of its
/// own, while the single writer goes on committing: SQLite lets one checkpoint run beside the
/// writer, and a passive one waits for no one.
///
/// Left to the writer, that copy — the log read back, the file written — ran inside every fourth
/// gateway batch's commit and held the writer for 2–3.5 s of every 10 (README, Performance).
/// Here the writer only finishes what this connection has not copied yet, when the log passes
/// `Warehouse.bulkCheckpointPages`; the log then starts over, so it stays bounded.
package actor BackgroundCheckpoints {
    private let connection: DatabaseQueue
    private var worker: Task<Void, Never>?
    private var requested = false
    /// Checkpoints that ran without an error.
    private(set) var runs = 0

    init(path: String) throws {
        var configuration = GRDB.Configuration()
        configuration.label = "checkpoints"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Asks for a checkpoint of what is committed now: one starts unless one runs already, which
    /// then runs once more when it ends.
    package func request() {
        requested = true
        guard worker == nil else { return }
        worker = Task { await drain() }
    }

    /// Waits for the checkpoint running, if any, and closes the connection.
    func finish() async {
        await worker?.value
        try? connection.close()
    }

    private func drain() async {
        while requested {
            requested = false
            // A checkpoint that fails loses nothing: the pages stay in the log, and the next one
            // or the writer's own copies them; busy means the writer's own holds the log now. An
            // error of the file itself meets the writer too, which reports it.
            guard (try? await connection.writeWithoutTransaction({ try $0.checkpoint(.passive) })) != nil else { continue }
            runs += 1
        }
        worker = nil
    }
}

extension Warehouse {
    /// The log's size, in pages, at which the writer checkpoints itself while `withBackgroundCheckpoints`
    /// runs: 128 MiB of 16 KiB pages, most of them copied by then.
    static let bulkCheckpointPages = 8192
    /// SQLite's own threshold, the writer's at any other time.
    static let defaultCheckpointPages = 1000

    /// The writer's settings while `withBackgroundCheckpoints` runs, and after.
    ///
    /// `temp_store = MEMORY` keeps each statement's journal in memory. A batch's `INSERT … SELECT`
    /// journals the pages it changes that were there before it (so that a duplicate id undoes
    /// the statement alone); past 64 KiB SQLite spilled that journal into a temporary file made
    /// and deleted for every batch: a quarter as many bytes again as the log itself, written and
    /// thrown away (README, Performance). Other connections keep their own setting.
    static let bulkWriterSettings = "PRAGMA wal_autocheckpoint = \(bulkCheckpointPages); PRAGMA temp_store = MEMORY"
    static let defaultWriterSettings = "PRAGMA wal_autocheckpoint = \(defaultCheckpointPages); PRAGMA temp_store = DEFAULT"

    /// Runs `body`, a long run of commits, with checkpoints in the background (`BackgroundCheckpoints`,
    /// which `body` asks for after each commit) and the writer set for bulk (`bulkWriterSettings`);
    /// `nil` for a warehouse that is not a WAL file. The writer's settings go back to SQLite's
    /// defaults after, whatever `body` did.
    package func withBackgroundCheckpoints<T>(_ body: (BackgroundCheckpoints?) async throws -> T) async throws -> T {
        guard let pool = database as? DatabasePool, let checkpoints = try? BackgroundCheckpoints(path: path) else {
            return try await body(nil)
        }
        try await pool.writeWithoutTransaction { try $0.execute(sql: Self.bulkWriterSettings) }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(checkpoints))
        } catch {
            result = .failure(error)
        }
        await checkpoints.finish()
        try await pool.writeWithoutTransaction { try $0.execute(sql: Self.defaultWriterSettings) }
        return try result.get()
    }
}
