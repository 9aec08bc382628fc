import PartnerAuditCore
import Source

/// The extraction stopped at a window: names the window and the page, and what the source did.
package struct ExtractionError: Error, Sendable, CustomStringConvertible {
    package var window: TimeWindow
    package var place: String
    package var underlying: SourceError

    package init(window: TimeWindow, place: String, underlying: SourceError) {
        self.window = window
        self.place = place
        self.underlying = underlying
    }

    package var description: String {
        "extraction stopped at the \(place): \(underlying). Everything committed before it stays stored; the next run resumes from the last committed window."
    }
}
