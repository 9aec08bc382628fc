import PartnerAuditCore
import Source

/// The events of one window a source sent that could not be read, left out so the rest is
/// stored — up to a bound, past which the window fails: one bad event is a bad event, a
/// hundred are a broken source.
///
/// ```swift
/// var leftOut = LeftOutEvents(limit: settings.maxRejectedPerWindow)
/// try leftOut.add(page.rejected, request: "page 3 of window [...)")
/// ```
struct LeftOutEvents: Sendable {
    private(set) var events: [RejectedEvent] = []
    let limit: Int

    init(limit: Int) {
        self.limit = max(limit, 0)
    }

    /// Adds a page's rejected events.
    ///
    /// - Throws: `SourceError(.malformedResponse)` naming the first of them when the window now
    ///   holds more than `limit`.
    mutating func add(_ rejected: [RejectedEvent], request: String) throws(SourceError) {
        events += rejected
        guard events.count > limit, let first = events.first else { return }
        throw SourceError(.malformedResponse, request: request, message:
            "more than \(limit) events of the window cannot be read (the first: \(first)): a broken source, not a bad event; nothing of the window was stored")
    }

    /// Hands the events over and starts again (the next window of a read).
    mutating func take() -> [RejectedEvent] {
        defer { events = [] }
        return events
    }
}
