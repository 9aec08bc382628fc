import PartnerAuditCore
import Warehouse

/// What one extraction run did.
package struct ExtractionSummary: Sendable, Equatable {
    package var runID: Int64
    package var range: TimeWindow
    package var clients = 0
    package var clientChanges = 0
    /// Requests sent (every attempt, token requests included) and 429s drawn.
    package var requests = 0
    package var rateLimited = 0
    /// Requests made before any source: the token, the clients and the registries.
    package var fixedRequests = 0
    /// The organisation's known-grant registries as this run read them (none in the guide dialect).
    package var registries: [GrantRegistryRead] = []
    /// Each source's line, in the order of the extractor's sources (they run side by side).
    package var sources: [SourceSummary] = []

    /// The fewest requests the run could have made: its fixed reads, and each source's minimum.
    package var minimumRequests: Int { fixedRequests + sources.reduce(0) { $0 + $1.minimumRequests } }

    /// Windows and pages of every source.
    package var windows: Int { sources.reduce(0) { $0 + $1.windows } }
    package var pages: Int { sources.reduce(0) { $0 + $1.pages } }
    /// The audit log's events read (duplicates included) and stored for the first time.
    package var eventsSeen: Int { sources.first { $0.source == .auditLog }?.itemsSeen ?? 0 }
    package var eventsStored: Int { sources.first { $0.source == .auditLog }?.itemsStored ?? 0 }
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
    /// Totals of the source so far: its events stored, its pages, and the requests its API client
    /// sent (its own when it has a client of its own beside the other sources', `APIClient.withOwnCounts()`).
    package var totalEventsStored: Int
    package var totalPages: Int
    package var requests: Int
    package var elapsedSeconds: Double
    /// Events of this window the source sent that could not be read, left out.
    package var leftOut: [RejectedEvent] = []
}
