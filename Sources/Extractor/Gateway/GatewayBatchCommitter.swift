import Foundation
import PartnerAuditCore
import Warehouse

/// Commits one file's batches while the next ones are read: up to `depth` commits queued, each
/// starting only once the one before it is stored, so the file's state in the warehouse moves
/// in line order and a run killed at any instant resumes from the last batch committed. After
/// each commit it asks `checkpoints` to copy the log into the file, beside the next commit.
///
/// With two queued, the reader goes on while a commit waits for the one before it: with one,
/// it stopped at every batch until the commit in flight ended, and a core sat idle meanwhile.
struct GatewayBatchCommitter {
    /// What one finished commit added, and the file's stored lines after it.
    private typealias Outcome = (lines: Int, stored: Int, linesStored: Int)

    /// Commits queued at most: each holds a batch of prepared events in memory.
    static let depth = 2
    private let warehouse: Warehouse
    private let runID: Int64
    private let clock: any WallClock
    private let checkpoints: BackgroundCheckpoints?
    /// The queued commits, oldest first.
    private var pending: [Task<Outcome, any Error>] = []
    /// The file's stored lines before this run's first commit.
    private let linesStoredBefore: Int
    /// What the finished commits added: transactions, lines read, events stored.
    private(set) var commits = 0
    private(set) var linesRead = 0
    private(set) var stored = 0

    init(warehouse: Warehouse, runID: Int64, clock: any WallClock, linesStored: Int, checkpoints: BackgroundCheckpoints?) {
        self.warehouse = warehouse
        self.runID = runID
        self.clock = clock
        linesStoredBefore = linesStored
        self.checkpoints = checkpoints
    }

    /// Queues `batch`'s commit after those queued, first waiting for the oldest when `depth` are.
    mutating func commit(_ batch: GatewayBatch) async throws {
        if pending.count >= Self.depth { try await finishOldest() }
        // With none queued before it, this one starts from the lines the finished ones left stored.
        let (warehouse, runID, now, checkpoints, before, start) = (self.warehouse, self.runID, clock.now, self.checkpoints, pending.last, linesStoredBefore + stored)
        pending.append(Task {
            // The one before failed: this one is not stored either, so no state skips its lines.
            let linesStored = try await before?.value.linesStored ?? start
            var batch = batch
            batch.state.linesStored = linesStored
            let result = try await warehouse.commitGatewayBatch(
                runID: runID, state: batch.state, events: batch.events, span: batch.span, linesRead: batch.lines, at: now)
            await checkpoints?.request()
            return (batch.lines, result.stored, linesStored + result.stored)
        })
    }

    /// Waits for every queued commit, and counts them; the first error once all have ended.
    mutating func finish() async throws {
        var failure: (any Error)?
        while !pending.isEmpty {
            do { try await finishOldest() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// Waits for the oldest queued commit and counts it.
    private mutating func finishOldest() async throws {
        let task = pending.removeFirst()
        let outcome = try await task.value
        commits += 1
        linesRead += outcome.lines
        stored += outcome.stored
    }
}
