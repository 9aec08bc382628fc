/// The longest an error text may be where it is logged or stored, and how it is cut.
///
/// A source can put megabytes in an error body or an `error` field; what reaches a log line or
/// an `error` column is cut to `maxLength` characters with a marker saying how much was left out.
package enum ErrorText {
    /// Characters kept of an error text.
    package static let maxLength = 2_000

    /// `text` itself when short enough, else its first `maxLength` characters and a marker.
    ///
    /// ```swift
    /// ErrorText.capped(String(repeating: "x", count: 5_000))  // "xx…x … [3000 more characters cut]"
    /// ```
    package static func capped(_ text: String) -> String {
        guard text.count > maxLength else { return text }
        return String(text.prefix(maxLength)) + " … [\(text.count - maxLength) more characters cut]"
    }
}
