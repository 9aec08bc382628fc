/// A word the source writes, of which the rules know some: the known ones are cases, any other
/// is kept as written (`.other`), never an error and never lost.
///
/// Each conforming type writes the text of each value once (`text`) and lists the values the
/// rules know (`named`); the parsing of a source's text and a test's string literal both go
/// through that list.
package protocol OpenVocabulary: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The values the rules know.
    static var named: [Self] { get }
    /// A value the rules do not know, as the source wrote it.
    static func other(_ text: String) -> Self
    /// The source's text of this value.
    var text: String { get }
}

extension OpenVocabulary {
    /// The value the source's `text` names: a known one, else `.other(text)`.
    package init(text: String) {
        self = Self.named.first { $0.text == text } ?? .other(text)
    }

    package init(stringLiteral text: String) { self.init(text: text) }

    package var description: String { text }

    /// Whether this is one of the values the rules know.
    package var isNamed: Bool { Self.named.contains(self) }
}
