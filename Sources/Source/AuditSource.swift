import PartnerAuditCore

/// The seam between the extractor and the organisation it reads: one adapter per dialect.
///
/// The extractor asks for the clients, then for each closed window pages events with an
/// opaque cursor until none comes back. Nothing outside the adapters knows which dialect ran.
package protocol AuditSource: Sendable {
    /// The dialect it speaks, recorded with each run.
    var dialect: SourceDialect { get }
    /// Fetches the token, so credential problems fail the run before anything else.
    func authenticate() async throws
    /// Every OAuth client of the organisation, all pages.
    func clients() async throws -> [ClientSnapshot]
    /// The organisation's own known-grant registries, each read or said unavailable; none in a
    /// dialect that has no such endpoints.
    func grantRegistries() async throws -> [GrantRegistryRead]
    /// One page of the events of a closed window; `cursor` is `nil` for the first page.
    func eventPage(in window: TimeWindow, after cursor: PageCursor?) async throws -> EventPage
    /// The longest stretch one read may cover when it spans several windows, its results sorted
    /// by time (the live audit query's 31 days); `nil`: each window is read on its own.
    var longestRead: TimeSpan? { get }
    /// The fewest requests reading `window` whole could take, given the requests its result pages
    /// took (`EventPage.fetches`, as many as the platform paged them into): those, and for an
    /// asynchronous query each query's submission and the one poll that finds it done.
    func minimumRequests(toRead window: TimeWindow, pageFetches: Int) -> Int
    /// Requests sent so far and 429s drawn.
    var requestCounts: RequestCounters { get }
}

/// Where the next page of a window starts; opaque outside the adapter that made it.
package struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    package let value: String
    /// How errors and log lines name the page, e.g. `page 4`.
    package let label: String
    /// Where in the source the page starts: two cursors with the same identity lead to the same
    /// page (the extractor stops a source that hands one out twice). `value` unless told otherwise.
    package let identity: String

    package init(value: String, label: String, identity: String? = nil) {
        self.value = value
        self.label = label
        self.identity = identity ?? value
    }

    package var description: String { label }
}

/// One page of events and where the next one starts.
package struct EventPage: Sendable {
    package var events: [AuditEvent]
    /// `nil` when this was the window's last page.
    package var next: PageCursor?
    /// How many events the source says the window holds, when it says.
    package var windowTotal: Int?
    /// The requests the page itself took when none failed: 1, or 2 when the platform redirected
    /// it to a download (a query's submission and polls are not counted here).
    package var fetches: Int
    /// Events of the page that could not be read, left out of `events` (the extractor records
    /// them with their window, and fails a window that holds too many).
    package var rejected: [RejectedEvent]

    package init(events: [AuditEvent], next: PageCursor?, windowTotal: Int?, fetches: Int = 1, rejected: [RejectedEvent] = []) {
        self.events = events
        self.next = next
        self.windowTotal = windowTotal
        self.fetches = fetches
        self.rejected = rejected
    }
}
