import PartnerAuditCore
import Warehouse

/// What one extraction run did.
package struct ExtractionSummary: Sendable, Equatable {
    package var runID: Int64
    package var range: TimeWindow
    package var windows = 0
    package var pages = 0
    package var eventsSeen = 0
    package var eventsStored = 0
    package var clients = 0
    package var clientChanges = 0
    /// Requests sent (every attempt, token requests included) and 429s drawn.
    package var requests = 0
    package var rateLimited = 0
    /// Each source's line, in the order they ran.
    package var sources: [SourceSummary] = []

    /// Adds one source's part to the run's totals.
    mutating func add(_ source: SourceSummary) {
        sources.append(source)
        windows += source.windows
        pages += source.pages
        eventsSeen += source.itemsSeen
        eventsStored += source.itemsStored
    }
}

/// Progress after each committed window, for a terminal line or a log line.
package struct WindowProgress: Sendable {
    package var window: TimeWindow
    /// 1-based index of this window and how many the run planned (splits may add more).
    package var index: Int
    package var planned: Int
    package var pages: Int
    package var seen: Int
    package var stored: Int
    /// Totals of the run so far.
    package var totalEventsStored: Int
    package var totalPages: Int
    package var requests: Int
    package var elapsedSeconds: Double
}
