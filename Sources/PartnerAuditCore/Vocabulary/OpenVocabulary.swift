/// A word the source writes, of which the rules know some: the known ones are cases, any other
/// is kept as written (`.other`), never an error and never lost.
///
/// Each conforming type lists its named values once (`named`); the text of each, the parsing
/// of a source's text and the string literal of a test all come from that one list.
package protocol OpenVocabulary: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The values the rules know, each with the text the source writes for it.
    static var named: [(value: Self, text: String)] { get }
    /// A value the rules do not know, as the source wrote it.
    static func other(_ text: String) -> Self
    /// The source's text of this value.
    var text: String { get }
}

extension OpenVocabulary {
    /// The value the source's `text` names: a known one, else `.other(text)`.
    package init(text: String) {
        self = Self.named.first { $0.text == text }?.value ?? .other(text)
    }

    package init(stringLiteral text: String) { self.init(text: text) }

    package var description: String { text }

    /// Whether this is one of the values the rules know.
    package var isNamed: Bool { Self.named.contains { $0.value == self } }
}
