/// A run of catalog text, plain or code: the catalog writes code in backticks (`*:read`).
struct TextSegment {
    var text: String
    var code: Bool

    /// Splits text at backticks; an unmatched backtick stays as it is.
    static func split(_ text: String) -> [TextSegment] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 2 == 1 else { return [TextSegment(text: text, code: false)] }
        return parts.enumerated().compactMap { index, part in part.isEmpty ? nil : TextSegment(text: part, code: index % 2 == 1) }
    }
}
