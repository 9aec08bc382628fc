import Foundation
import PartnerAuditCore
import Source
import Synchronization
import Warehouse

/// Commits filled windows strictly in the order they are handed over, each with its checkpoint
/// in one transaction, while the caller reads on: a window's commit starts once the one before
/// it has ended, and a failed commit fails the next hand-over.
///
/// At most one window is being committed while the next is filled, so the network and JSON work
/// overlaps the SQLite work without holding more than two windows.
final class WindowCommitter: Sendable {
    private struct State {
        var summary: SourceSummary
        var index = 0
        var planned: Int
        var inFlight: Task<Void, any Error>?
        /// The source's request count when the last window was handed over.
        var requestsCounted: Int
        var pageFetches = 0
    }

    private let state: Mutex<State>
    private let runID: Int64
    private let advancesWatermark: Bool
    private let started: Date
    private let source: any AuditSource
    private let warehouse: Warehouse
    private let clock: any WallClock
    private let onWindow: @Sendable (WindowProgress) async -> Void

    init(
        summary: SourceSummary, planned: Int, runID: Int64, advancesWatermark: Bool, started: Date, source: any AuditSource,
        warehouse: Warehouse, clock: any WallClock, onWindow: @escaping @Sendable (WindowProgress) async -> Void
    ) {
        state = Mutex(State(summary: summary, planned: planned, requestsCounted: source.requestCounts.requests))
        self.runID = runID
        self.advancesWatermark = advancesWatermark
        self.started = started
        self.source = source
        self.warehouse = warehouse
        self.clock = clock
        self.onWindow = onWindow
    }

    /// Waits for the commit before, then starts this window's, counting to it the source's
    /// requests since the window before was handed over.
    func enqueue(_ filled: FilledWindow) async throws {
        try await state.withLock { $0.inFlight }?.value
        var filled = filled
        let sent = source.requestCounts.requests
        filled.requests = state.withLock { state in
            defer { state.requestsCounted = sent }
            return sent - state.requestsCounted
        }
        let task = Task { [filled] in try await commit(filled) }
        state.withLock { $0.inFlight = task }
    }

    /// Counts the requests a finished read's result pages took, for the fewest possible.
    func addPageFetches(_ fetches: Int) {
        state.withLock { $0.pageFetches += fetches }
    }

    /// The requests the finished reads' result pages took.
    var pageFetches: Int { state.withLock { $0.pageFetches } }

    /// Waits for the last commit and returns what every commit added.
    func finish() async throws -> SourceSummary {
        try await state.withLock { $0.inFlight }?.value
        return state.withLock { $0.summary }
    }

    /// Lets the commit under way end (a read failed or was cancelled): what it holds stays committed.
    func settle() async {
        _ = try? await state.withLock { $0.inFlight }?.value
    }

    private func commit(_ filled: FilledWindow) async throws {
        let commit = try await warehouse.commitWindow(
            runID: runID, window: filled.window, pages: filled.pages, requests: filled.requests,
            events: filled.events, rejected: filled.rejected, advancesWatermark: advancesWatermark, at: clock.now)
        let progress = state.withLock { state in
            state.index += 1
            state.summary.windows += 1
            state.summary.pages += filled.pages
            state.summary.itemsSeen += commit.seen
            state.summary.itemsStored += commit.stored
            state.summary.leaveOut(filled.rejected, of: filled.window)
            return WindowProgress(
                window: filled.window, index: state.index, planned: max(state.planned, state.index), pages: filled.pages,
                seen: commit.seen, stored: commit.stored, totalEventsStored: state.summary.itemsStored,
                totalPages: state.summary.pages, requests: source.requestCounts.requests,
                elapsedSeconds: clock.now.timeIntervalSince(started), leftOut: filled.rejected)
        }
        await onWindow(progress)
    }
}
