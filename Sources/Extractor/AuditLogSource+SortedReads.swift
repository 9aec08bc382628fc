import Foundation
import PartnerAuditCore
import Source
import Warehouse

// The audit log of a source whose reads may span several windows, results sorted by time (the
// live audit query, 31 days a query): the fewest queries, each window still committed with its
// checkpoint as the results pass its end.

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

    /// Reads `range` in reads of up to `longest`, committing each window in order as the results
    /// pass its end; a resumed run starts its first read at its last committed window.
    func extractSortedReads(
        _ range: TimeWindow, longest: TimeSpan, runID: Int64, advancesWatermark: Bool, started: Date
    ) async throws -> SourceSummary {
        let windows = range.split(every: settings.windowLength)
        let committer = WindowCommitter(
            summary: SourceSummary(source: name, range: range), planned: windows.count, runID: runID,
            advancesWatermark: advancesWatermark, started: started, source: source, warehouse: warehouse, clock: clock,
            onWindow: onWindow)
        do {
            for read in Self.reads(of: windows, longest: longest) {
                try await self.read(read, into: committer, runID: runID)
            }
            return try await committer.finish()
        } catch {
            await committer.settle()
            throw error
        }
    }

    /// Pages one read whole, handing each window to `committer` as soon as it is complete.
    ///
    /// A source that pages for ever or repeats a page or a cursor (`PagingGuard`, allowing each
    /// window its `maxPagesPerWindow`) fails the window being filled; everything before it stays
    /// committed, and it is recorded as failed.
    private func read(_ windows: [TimeWindow], into committer: WindowCommitter, runID: Int64) async throws {
        guard let first = windows.first, let last = windows.last,
              var cutter = WindowCutter(windows: windows, cutAt: settings.maxEventsPerWindow, requests: source.requestCounts.requests)
        else { return }
        let span = TimeWindow(fromMillis: first.fromMillis, toMillis: last.toMillis)
        var paging = PagingGuard(maxPages: settings.maxPagesPerWindow * windows.count, of: "window \(span)")
        var cursor: PageCursor?
        var seen = 0
        do {
            repeat {
                try Task.checkCancellation()
                let page = try await source.eventPage(in: span, after: cursor)
                let label = cursor?.label ?? "first page"
                try paging.admit(page: label, ids: page.events.map(\.id), next: page.next?.identity)
                seen += page.events.count
                for filled in try cutter.admit(page, requests: source.requestCounts.requests, request: "\(label) of window \(span)") {
                    try await committer.enqueue(filled)
                }
                cursor = page.next
            } while cursor != nil
            for filled in cutter.finish(requests: source.requestCounts.requests) {
                try await committer.enqueue(filled)
            }
            committer.addMinimum(source.minimumRequests(toRead: span, events: seen))
        } catch let error as SourceError {
            await committer.settle()
            let place = cursor.map { "\($0) of window \(span)" } ?? "first page of window \(span)"
            try? await warehouse.recordFailedWindow(runID: runID, window: cutter.current, pages: cutter.pages, error: "\(error)", at: clock.now)
            throw ExtractionError(window: cutter.current, place: place, underlying: error)
        }
    }
}
