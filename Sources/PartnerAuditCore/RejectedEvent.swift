/// An event a source sent that could not be read — no id, a time that is not one, a time outside
/// the window asked for — left out so that the rest of its window is stored.
///
/// One bad event never stops extraction: it is recorded with its window
/// (`extraction_window.rejected_json`), named in the run's summary, and reported by AT-1 as
/// evidence left out. A window with more of them than `ExtractionSettings.maxRejectedPerWindow`
/// fails as before: that is a broken source, not a bad event.
///
/// ```swift
/// RejectedEvent(id: "evt-7", reason: "field 'timestamp' is not an ISO 8601 UTC time: 2026-13-45").description
/// // "evt-7: field 'timestamp' is not an ISO 8601 UTC time: 2026-13-45"
/// ```
package struct RejectedEvent: Sendable, Hashable, CustomStringConvertible {
    /// Unicode scalars kept of an id and of a reason: both may quote what the source sent. (Not
    /// `Character`s: a letter with a million combining marks is one, and was kept whole.)
    package static let maxIDLength = 200
    package static let maxReasonLength = 500

    /// The event's id when it had one.
    package var id: String?
    /// Why it could not be read.
    package var reason: String

    package init(id: String?, reason: String) {
        self.id = id.map { ErrorText.prefix($0, scalars: Self.maxIDLength) }
        self.reason = ErrorText.prefix(reason, scalars: Self.maxReasonLength)
    }

    /// The event as it was rejected: its `id` when it has a string one, and why.
    ///
    /// - Parameters:
    ///   - json: the event as the source sent it.
    ///   - error: why it could not be read; a `SourceDataError` is said by its field and reason
    ///     (the id is said apart).
    package init(json: JSONValue, error: any Error) {
        let reason = (error as? SourceDataError).map { "field '\($0.field)' \($0.reason)" } ?? "\(error)"
        self.init(id: json["id"]?.nonEmptyString, reason: reason)
    }

    package var description: String { "\(id ?? "(no id)"): \(reason)" }
}
