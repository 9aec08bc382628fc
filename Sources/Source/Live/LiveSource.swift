import Logging
import PartnerAuditCore

/// The live dialect (source-api.md section 4): Genesys Cloud as it is served.
///
/// Clients come with their roles' permissions and the organisation's allowlist
/// (`LiveDirectory`); a window's events come from asynchronous audit queries of at most 31 days
/// each (`LiveAuditQuery`), read by cursor. The extractor sees only `AuditSource`.
package struct LiveSource: AuditSource {
    private let api: APIClient
    private let directory: LiveDirectory
    private let query: LiveAuditQuery
    private let registries: LiveRegistries

    /// Logs through `api`'s logger, which redacts the client's secrets; reads up to `concurrency`
    /// client resources side by side (all under `api`'s one budget).
    package init(api: APIClient, pageSize: Int, polling: AuditQueryPolling = AuditQueryPolling(), concurrency: Int = 1, clock: any WallClock) {
        let size = min(max(pageSize, 1), 500)
        self.api = api
        directory = LiveDirectory(api: api, pageSize: size, logger: api.logger, concurrency: concurrency)
        registries = LiveRegistries(api: api, pageSize: size, logger: api.logger)
        query = LiveAuditQuery(api: api, pageSize: size, polling: polling, clock: clock, logger: api.logger)
    }

    package var dialect: SourceDialect { .live }
    package var requestCounts: RequestCounters { api.counts }

    package func authenticate() async throws { try await api.authenticate() }

    package func clients() async throws -> [ClientSnapshot] {
        try await api.redactingErrors { try await directory.clients() }
    }

    package func grantRegistries() async throws -> [GrantRegistryRead] {
        try await api.redactingErrors { try await registries.read() }
    }

    package func eventPage(in window: TimeWindow, after cursor: PageCursor?) async throws -> EventPage {
        try await api.redactingErrors { try await readPage(in: window, after: cursor) }
    }

    /// The audit query's longest interval: its results are sorted by time, so the extractor
    /// commits each window of a 31-day read as the results pass the window's end.
    package var longestRead: TimeSpan? { LiveAuditQuery.maxInterval }

    /// For each query of at most 31 days its submission and one poll, and the result pages as the
    /// platform paged them (with their downloads).
    package func minimumRequests(toRead window: TimeWindow, pageFetches: Int) -> Int {
        2 * max(1, window.split(every: LiveAuditQuery.maxInterval).count) + pageFetches
    }

    /// One results page of the window's queries: the window is cut into intervals of at most
    /// 31 days, each submitted and read in turn; events outside the window are refused.
    private func readPage(in window: TimeWindow, after cursor: PageCursor?) async throws -> EventPage {
        let intervals = window.split(every: LiveAuditQuery.maxInterval)
        guard !intervals.isEmpty else { return EventPage(events: [], next: nil, windowTotal: 0, fetches: 0) }
        var position = LiveCursor(interval: 0)
        if let cursor {
            guard let decoded = LiveCursor(cursor), intervals.indices.contains(decoded.interval) else {
                throw SourceError(.malformedResponse, request: "audit query of \(window)", message: "a cursor this adapter did not write: \(cursor.label)")
            }
            position = decoded
        }
        let interval = intervals[position.interval]
        if position.transactionID.isEmpty {
            position.transactionID = try await query.run(interval)
        }
        let label = "\(position.pageCursor(intervals: intervals.count).label), \(interval)"
        let (read, unreadable, nextCursor, downloaded) = try await query.results(position.transactionID, cursor: position.resultsCursor, label: label)
        // A message outside the queried interval is the platform's mistake: left out and recorded, like one that cannot be read.
        let events = read.filter { $0.timestampMillis >= interval.fromMillis && $0.timestampMillis < interval.toMillis }
        let rejected = unreadable + read.filter { $0.timestampMillis < interval.fromMillis || $0.timestampMillis >= interval.toMillis }
            .map { RejectedEvent(id: $0.id, reason: "field 'eventDate' \($0.timestamp) lies outside the queried interval \(interval)") }
        let next: LiveCursor? =
            if let nextCursor { LiveCursor(interval: position.interval, transactionID: position.transactionID, resultsCursor: nextCursor, page: position.page + 1) }
            else if position.interval + 1 < intervals.count { LiveCursor(interval: position.interval + 1) }
            else { nil }
        return EventPage(events: events, next: next?.pageCursor(intervals: intervals.count), windowTotal: nil, fetches: downloaded ? 2 : 1,
                         rejected: rejected)
    }
}
