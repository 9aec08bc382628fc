import Foundation
import PartnerAuditCore
import Warehouse

/// Commits one file's batches while the next one is read: at most one commit in flight, each
/// finished before the next starts, so the file's state in the warehouse moves in line order
/// and a run killed at any instant resumes from the last batch committed. After each commit it
/// asks `checkpoints` to copy the log into the file, beside the next commit.
struct GatewayBatchCommitter {
    private let warehouse: Warehouse
    private let runID: Int64
    private let clock: any WallClock
    private let checkpoints: BackgroundCheckpoints?
    private var pending: Task<(lines: Int, stored: Int), any Error>?
    /// The file's stored lines so far, committed batches included.
    private var linesStored: Int
    /// What the finished commits added: transactions, lines read, events stored.
    private(set) var commits = 0
    private(set) var linesRead = 0
    private(set) var stored = 0

    init(warehouse: Warehouse, runID: Int64, clock: any WallClock, linesStored: Int, checkpoints: BackgroundCheckpoints?) {
        self.warehouse = warehouse
        self.runID = runID
        self.clock = clock
        self.linesStored = linesStored
        self.checkpoints = checkpoints
    }

    /// Finishes the commit in flight, then starts `batch`'s.
    mutating func commit(_ batch: GatewayBatch) async throws {
        try await finish()
        var batch = batch
        batch.state.linesStored = linesStored
        let (warehouse, runID, now, checkpoints) = (self.warehouse, self.runID, clock.now, self.checkpoints)
        pending = Task {
            let result = try await warehouse.commitGatewayBatch(
                runID: runID, state: batch.state, events: batch.events, span: batch.span, linesRead: batch.lines, at: now)
            await checkpoints?.request()
            return (batch.lines, result.stored)
        }
    }

    /// Waits for the commit in flight, if any, and counts it.
    mutating func finish() async throws {
        guard let task = pending else { return }
        pending = nil
        let (lines, stored) = try await task.value
        commits += 1
        linesRead += lines
        self.stored += stored
        linesStored += stored
    }
}
