/// The longest an error text may be where it is logged or stored, and how it is cut.
///
/// A source can put megabytes in an error body or an `error` field; what reaches a log line or
/// an `error` column is cut to `maxLength` characters with a marker saying how much was left out.
package enum ErrorText {
    /// Characters (Unicode scalars) kept of an error text.
    package static let maxLength = 2_000

    /// `text` itself when short enough, else its first `maxLength` characters and a marker; a
    /// NUL a source put in it is written `\u0000`, since SQLite would end a stored text there.
    ///
    /// ```swift
    /// ErrorText.capped(String(repeating: "x", count: 5_000))  // "xx…x … [3000 more characters cut]"
    /// ErrorText.capped("bad time: 2026\u{0}x")                // "bad time: 2026\\u0000x"
    /// ```
    package static func capped(_ text: String) -> String {
        let text = JSONValue.visibleNUL(text)
        let scalars = text.unicodeScalars.count
        guard scalars > maxLength else { return text }
        return prefix(text, scalars: maxLength) + " … [\(scalars - maxLength) more characters cut]"
    }

    /// The first `count` Unicode scalars of `text`: a bound in bytes (at most 4 a scalar), where
    /// a `Character` count is none (one letter may carry any number of combining marks).
    package static func prefix<Text: StringProtocol>(_ text: Text, scalars count: Int) -> String {
        // No more bytes than `count` is no more scalars: the common case, without a copy scalar by scalar.
        if text.utf8.count <= count { return String(text) }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(count)))
    }
}
