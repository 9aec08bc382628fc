/// Data from the source that cannot be read: names the record, the field and why.
package struct SourceDataError: Error, Sendable, CustomStringConvertible {
    /// The record, e.g. `audit event evt-42` or `OAuth client 7c1e…`.
    package var what: String
    package var field: String
    package var reason: String

    package init(what: String, field: String, reason: String) {
        self.what = what
        self.field = field
        self.reason = reason
    }

    package var description: String { "\(what): field '\(field)' \(reason)" }
}
