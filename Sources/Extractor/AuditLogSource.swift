import Foundation
import Logging
import PartnerAuditCore
import Source
import Synchronization
import Warehouse

/// The audit log as a source of the extraction, in whichever dialect `source` speaks: closed
/// windows from its watermark (less the overlap) to now (less the lag), each committed with the
/// watermark in one transaction. A source whose reads may span several windows, sorted by time
/// (`longestRead`: the live audit query), is read in as few queries as it allows, each window
/// committed as the results pass its end (`extractSortedReads`); any other is paged window by window.
///
/// A run killed at any instant and started again stores exactly the events an uninterrupted
/// run would: none lost (the watermark moves only with a commit), none twice (ids are unique).
package struct AuditLogSource: ExtractionSource {
    package let name = SourceName.auditLog
    let source: any AuditSource
    let warehouse: Warehouse
    let clock: any WallClock
    let settings: ExtractionSettings
    private let logger: Logger
    let onWindow: @Sendable (WindowProgress) async -> Void

    package init(
        source: any AuditSource, warehouse: Warehouse, clock: any WallClock, settings: ExtractionSettings,
        logger: Logger, onWindow: @escaping @Sendable (WindowProgress) async -> Void = { _ in }
    ) {
        self.source = source
        self.warehouse = warehouse
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.onWindow = onWindow
    }

    package func plannedRange(since: Date?, until: Date?, now: Date) async throws -> TimeWindow {
        let end = until.map(Timestamp.milliseconds) ?? Timestamp.milliseconds(now) - settings.lag
        let start: Int64
        if let since {
            start = Timestamp.milliseconds(since)
        } else if let watermark = try await warehouse.watermark(of: name) {
            start = watermark - settings.overlap
        } else {
            start = Timestamp.milliseconds(now) - settings.firstRunLookback
        }
        return TimeWindow(fromMillis: start, toMillis: max(start, end))
    }

    /// Commits windows in order while the next window is already being fetched, so the
    /// network and JSON work of one window overlaps the SQLite work of the one before.
    /// At most two windows are in memory at once.
    package func extract(_ range: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary {
        if let longest = source.longestRead {
            return try await extractSortedReads(range, longest: longest, runID: runID, advancesWatermark: advancesCheckpoint, started: started)
        }
        var summary = SourceSummary(source: name, range: range)
        try await extractWindows(range, runID: runID, advancesWatermark: advancesCheckpoint, started: started, summary: &summary)
        return summary
    }

    private func extractWindows(
        _ range: TimeWindow, runID: Int64, advancesWatermark: Bool, started: Date, summary: inout SourceSummary
    ) async throws {
        var pending = range.split(every: settings.windowLength)
        let planned = pending.count
        var index = 0
        let prefetch = PrefetchSlot()
        try await withTaskCancellationHandler {
            var next: Task<WindowFetch, any Error>? = pending.isEmpty ? nil : start(pending[0], runID: runID)
            prefetch.set(next)
            while let current = next {
                let window = pending.removeFirst()
                let fetched = try await current.value
                if case .split(let parts, let total) = fetched {
                    logger.info("window \(window) holds \(total) events; splitting it into \(parts.count) parts")
                    pending.insert(contentsOf: parts, at: 0)
                    next = start(pending[0], runID: runID)
                    prefetch.set(next)
                    continue
                }
                guard case .complete(let events, let pages, let requests, let rejected) = fetched else { continue }
                next = pending.isEmpty ? nil : start(pending[0], runID: runID)
                prefetch.set(next)
                let commit: WindowCommit
                do {
                    commit = try await warehouse.commitWindow(
                        runID: runID, window: window, pages: pages, requests: requests,
                        events: events, rejected: rejected, advancesWatermark: advancesWatermark, at: clock.now)
                } catch {
                    next?.cancel()
                    throw error
                }
                index += 1
                summary.windows += 1
                summary.pages += pages
                summary.minimumRequests += source.minimumRequests(toRead: window, pageFetches: pages)
                summary.itemsSeen += commit.seen
                summary.itemsStored += commit.stored
                summary.leaveOut(rejected, of: window)
                await onWindow(WindowProgress(
                    window: window, index: index, planned: max(planned, index), pages: pages, seen: commit.seen,
                    stored: commit.stored, totalEventsStored: summary.itemsStored, totalPages: summary.pages,
                    requests: source.requestCounts.requests, elapsedSeconds: clock.now.timeIntervalSince(started),
                    leftOut: rejected))
            }
        } onCancel: {
            prefetch.cancel()
        }
    }

    private func start(_ window: TimeWindow, runID: Int64) -> Task<WindowFetch, any Error> {
        Task { try await fetch(window, runID: runID) }
    }

    enum WindowFetch: Sendable {
        /// Read whole: its events, and those the source sent that could not be read.
        case complete(PreparedEvents, pages: Int, requests: Int, rejected: [RejectedEvent])
        /// The window holds `total` events (as the source says, or as estimated), too many for one
        /// piece: these parts are read instead.
        case split([TimeWindow], total: Int)
    }

    /// Pages one window whole; on failure records the window as failed (nothing of it stored).
    ///
    /// Lays each page out for the warehouse as it arrives (`PreparedEvents`), so the decoded
    /// events are freed page by page and the commit's single writer only hashes and inserts.
    /// A source that pages for ever, repeats a page or a cursor (`PagingGuard`), or crowds more
    /// events into a window than its finest split can hold (`split(_:holding:)`) fails the window;
    /// so does one that sends more events that cannot be read than `LeftOutEvents` allows.
    private func fetch(_ window: TimeWindow, runID: Int64) async throws -> WindowFetch {
        var events = PreparedEvents()
        var leftOut = LeftOutEvents(limit: settings.maxRejectedPerWindow)
        var cursor: PageCursor?
        var paging = PagingGuard(maxPages: settings.maxPagesPerWindow, of: "window \(window)")
        let requestsBefore = source.requestCounts.requests
        do {
            repeat {
                try Task.checkCancellation()
                let page = try await source.eventPage(in: window, after: cursor)
                try paging.admit(page: cursor?.label ?? "first page", ids: page.events.map(\.id) + page.rejected.compactMap(\.id), next: page.next?.identity)
                try leftOut.add(page.rejected, request: "\(cursor?.label ?? "first page") of window \(window)")
                if paging.pages == 1, let total = page.windowTotal, total > settings.maxEventsPerWindow {
                    return .split(try split(window, holding: total), total: total)
                }
                if paging.pages == 1, let total = page.windowTotal { events.reserve(min(total, settings.maxEventsPerWindow)) }
                for event in page.events { try events.append(event) }
                if let last = page.events.last, let estimate = estimatedTotal(of: window, count: events.count, reaching: last.timestampMillis) {
                    return .split(try split(window, holding: estimate), total: estimate)
                }
                cursor = page.next
            } while cursor != nil
            return .complete(events, pages: paging.pages, requests: source.requestCounts.requests - requestsBefore, rejected: leftOut.events)
        } catch let error as SourceError {
            let place = cursor.map { "\($0) of window \(window)" } ?? "first page of window \(window)"
            try? await warehouse.recordFailedWindow(runID: runID, window: window, pages: paging.pages, error: "\(error)", at: clock.now)
            throw ExtractionError(window: window, place: place, underlying: error)
        }
    }
}

/// The window being fetched ahead, so cancelling the run cancels it too.
final class PrefetchSlot: Sendable {
    private let task = Mutex<Task<AuditLogSource.WindowFetch, any Error>?>(nil)

    func set(_ next: Task<AuditLogSource.WindowFetch, any Error>?) { task.withLock { $0 = next } }
    func cancel() { task.withLock { $0?.cancel() } }
}
