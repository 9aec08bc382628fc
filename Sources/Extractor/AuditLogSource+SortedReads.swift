import Foundation
import PartnerAuditCore
import Source
import Warehouse

// The audit log of a source whose reads may span several windows, results sorted by time (the
// live audit query, 31 days a query): the fewest queries, up to `concurrency` of them read side
// by side, and each window still committed in order with its checkpoint as the results pass its end.

extension AuditLogSource {
    /// The windows grouped into reads: consecutive windows, together no longer than `longest`;
    /// a window longer than that is a read of its own (the source cuts it into its queries).
    static func reads(of windows: [TimeWindow], longest: TimeSpan) -> [[TimeWindow]] {
        var reads: [[TimeWindow]] = []
        var current: [TimeWindow] = []
        for window in windows {
            if let first = current.first, window.toMillis - first.fromMillis > longest.milliseconds {
                reads.append(current)
                current = []
            }
            current.append(window)
        }
        if !current.isEmpty { reads.append(current) }
        return reads
    }

    /// The shortest read a range is cut into beyond its `longest` reads, so that `concurrency`
    /// reads run side by side: each extra read costs a query and a poll, worth it only over a
    /// long range (a first run or a backfill), never for a nightly day.
    static let shortestExtraRead = TimeSpan.days(7)

    /// The windows grouped into at least `atLeast` reads of equal counts of windows when each would
    /// still cover `shortestExtraRead`, else into as few reads of up to `longest` as they fit.
    static func reads(of windows: [TimeWindow], longest: TimeSpan, atLeast: Int) -> [[TimeWindow]] {
        let fewest = reads(of: windows, longest: longest)
        guard let first = windows.first, let last = windows.last, windows.allSatisfy({ $0.durationMillis <= longest.milliseconds }) else {
            return fewest
        }
        let span = last.toMillis - first.fromMillis
        let wanted = min(max(atLeast, 1), windows.count, Int(span / shortestExtraRead.milliseconds))
        guard fewest.count < wanted else { return fewest }
        let size = (windows.count + wanted - 1) / wanted
        return stride(from: 0, to: windows.count, by: size).map { Array(windows[$0..<min($0 + size, windows.count)]) }
    }

    /// Reads `range` in reads of up to `longest`, committing each window in order as the results
    /// pass its end; a resumed run starts its first read at its last committed window.
    ///
    /// Up to `concurrency` reads run at once (their queries submitted, polled and paged side by
    /// side, every request under the one budget of the shared API client); each fills a queue of
    /// its own (`ReadAheadQueue`), and the windows are committed from the first read's queue, then
    /// the second's, and so on, so the checkpoint never passes a window not yet stored.
    func extractSortedReads(
        _ range: TimeWindow, longest: TimeSpan, runID: Int64, advancesWatermark: Bool, started: Date
    ) async throws -> SourceSummary {
        let windows = range.split(every: settings.windowLength)
        let reads = Self.reads(of: windows, longest: longest, atLeast: settings.concurrency)
        let committer = WindowCommitter(
            summary: SourceSummary(source: name, range: range), planned: windows.count, runID: runID,
            advancesWatermark: advancesWatermark, started: started, source: source, warehouse: warehouse, clock: clock,
            onWindow: onWindow)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var queues: [ReadAheadQueue] = []
                for index in reads.indices {
                    while queues.count < min(reads.count, index + max(settings.concurrency, 1)) {
                        let queue = ReadAheadQueue(capacity: settings.readAheadEvents, byteCapacity: settings.readAheadBytes)
                        let read = reads[queues.count]
                        group.addTask { await fill(read, into: queue) }
                        queues.append(queue)
                    }
                    try await drain(queues[index], into: committer, runID: runID)
                }
                try await group.waitForAll()
            }
            var summary = try await committer.finish()
            // The fewest queries are the range's 31-day ones, however many reads ran side by side.
            summary.minimumRequests = source.minimumRequests(toRead: range, pageFetches: committer.pageFetches)
            return summary
        } catch {
            await committer.settle()
            throw error
        }
    }

    /// Commits one read's windows in order; its failure, once the windows before it are committed,
    /// is recorded as the failed window and thrown naming it.
    private func drain(_ queue: ReadAheadQueue, into committer: WindowCommitter, runID: Int64) async throws {
        while true {
            try Task.checkCancellation()
            let item: ReadAheadQueue.Item
            do {
                item = try await queue.next()
            } catch {
                await committer.settle()
                guard let underlying = error.underlying as? SourceError else { throw error.underlying }
                try? await warehouse.recordFailedWindow(runID: runID, window: error.window, pages: error.pages, error: "\(underlying)", at: clock.now)
                throw ExtractionError(window: error.window, place: error.place, underlying: underlying)
            }
            switch item {
            case .window(let filled): try await committer.enqueue(filled)
            case .finished(let pageFetches): committer.addPageFetches(pageFetches); return
            }
        }
    }

    /// Pages one read whole into `queue`, a window at a time as each is complete, then its end or
    /// its failure.
    ///
    /// A source that pages for ever or repeats a page or a cursor (`PagingGuard`, allowing each
    /// window its `maxPagesPerWindow`) fails the window being filled.
    private func fill(_ windows: [TimeWindow], into queue: ReadAheadQueue) async {
        guard let first = windows.first, let last = windows.last,
              var cutter = WindowCutter(windows: windows, cutAt: settings.maxEventsPerWindow, maxRejected: settings.maxRejectedPerWindow) else {
            await queue.finish(pageFetches: 0)
            return
        }
        let span = TimeWindow(fromMillis: first.fromMillis, toMillis: last.toMillis)
        var paging = PagingGuard(maxPages: settings.maxPagesPerWindow * windows.count, of: "window \(span)")
        var cursor: PageCursor?
        var fetches = 0
        do {
            repeat {
                try Task.checkCancellation()
                let page = try await source.eventPage(in: span, after: cursor)
                let label = cursor?.label ?? "first page"
                try paging.admit(page: label, ids: page.events.map(\.id) + page.rejected.compactMap(\.id), next: page.next?.identity)
                fetches += page.fetches
                for filled in try cutter.admit(page, request: "\(label) of window \(span)") { await queue.put(filled) }
                cursor = page.next
            } while cursor != nil
            for filled in cutter.finish() { await queue.put(filled) }
            await queue.finish(pageFetches: fetches)
        } catch {
            let place = cursor.map { "\($0) of window \(span)" } ?? "first page of window \(span)"
            await queue.fail(ReadFailure(window: cutter.current, pages: cutter.pages, place: place, underlying: error))
        }
    }
}
