import Foundation
import PartnerAuditCore
import Warehouse

/// The seam of the extraction: one kind of data the extractor reads into the warehouse — the
/// audit log (`AuditLogSource`, either dialect), the API Usage service (`APIUsageSource`), the
/// gateway logs (`GatewaySource`). A new source is a new adapter of this protocol and nothing
/// else: the extractor runs the sources of a run side by side, gives each its own line in the
/// run's record (`extraction_source`), and each keeps its own checkpoints and commits its own
/// parts (a source that sends requests does so over an API client of its own made from the
/// run's, `APIClient.withOwnCounts()`: the one budget, its own count).
package protocol ExtractionSource: Sendable {
    /// Names its line in the run's record and its checkpoints.
    var name: SourceName { get }

    /// The stretch this run reads: from `since` (default: the source's checkpoint less its
    /// overlap, or its retention on a first run) to `until` (default: now less its lag).
    func plannedRange(since: Date?, until: Date?, now: Date) async throws -> TimeWindow

    /// Reads `range` and commits it to the warehouse, each part with its checkpoint, moving the
    /// checkpoints only when `advancesCheckpoint` (an explicit range is a backfill).
    func extract(_ range: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary
}

/// What one source did in one run.
package struct SourceSummary: Sendable, Equatable {
    package var source: SourceName
    package var range: TimeWindow
    package var windows = 0
    package var pages = 0
    /// Items the source returned (duplicates included), and those stored for the first time.
    package var itemsSeen = 0
    package var itemsStored = 0
    /// Items the source refused to store (gateway lines that are not requests, audit events that
    /// cannot be read), and the first few named.
    package var itemsRejected = 0
    package var rejections: [String] = []
    /// The most rejections named; the rest are counted.
    package static let namedRejections = 20
    /// The fewest requests reading what it read could have taken (its result pages, queries and
    /// the one poll each query needs), for the run summary's requests ÷ minimum.
    package var minimumRequests = 0
    /// Why the platform would not give this source (a forbidden optional read); `nil` when it did.
    package var unavailable: String?

    package init(source: SourceName, range: TimeWindow) {
        self.source = source
        self.range = range
    }

    /// Counts a committed window's events that could not be read, and names the first few.
    mutating func leaveOut(_ rejected: [RejectedEvent], of window: TimeWindow) {
        itemsRejected += rejected.count
        for event in rejected.prefix(max(Self.namedRejections - rejections.count, 0)) {
            rejections.append("\(window): \(event)")
        }
    }
}

/// Thrown by a source the platform will not give (an optional read answered 403): the run
/// records it as `unavailable` and goes on, and the rules that rest on it are not testable.
package struct SourceUnavailable: Error, Sendable, CustomStringConvertible {
    package var source: SourceName
    /// One sentence: the request and what the client lacks.
    package var reason: String

    package init(source: SourceName, reason: String) {
        self.source = source
        self.reason = reason
    }

    package var description: String { "\(source) not read: \(reason)" }
}
