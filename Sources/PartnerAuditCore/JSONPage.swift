/// A paged answer (`{"entities": [...], ...}`) as `JSONParser.parsePage` reads it.
///
/// ```swift
/// let page = try JSONParser.parsePage(Array(#"{"entities":[{"a":1},{"a":2,"a":3},{"\u0062":4}]}"#.utf8))
/// page.entityTexts     // [#"{"a":1}"#, #"{"a":2,"a":3}"#, #"{"\u0062":4}"#]
/// page.ambiguousKeys   // [1: a given twice, 2: b spelled with an escape]
/// ```
package struct JSONPage: Sendable {
    /// The whole answer; of a key given twice, the first value.
    package var value: JSONValue
    /// The exact source text of each element of `entities`, in order.
    package var entityTexts: [String]
    /// For each element of `entities` (by position) holding, in an object at any depth, a key
    /// its text as sent could be read otherwise by: the first such key.
    package var ambiguousKeys: [Int: AmbiguousKey]

    /// A key of an element's text that SQLite's JSON functions and this parser could read apart.
    ///
    /// The parser decodes a key's escapes; SQLite's `json_extract` (3.40) matches a key only as
    /// spelled. So `"s\u006furceIp"` is `sourceIp` to the columns and no `sourceIp` at all to SQL
    /// over the stored text; given beside a plain `"sourceIp"`, each takes a different value.
    /// A key given twice is ambiguous however it is spelled: the simpler rule, and no source
    /// has a reason to send one.
    package struct AmbiguousKey: Sendable, Hashable, CustomStringConvertible {
        package enum Kind: Sendable, Hashable {
            /// Given twice in one object (after its escapes are decoded).
            case repeated
            /// Spelled with an escape: the spelling as sent, cut to 100 characters.
            case escaped(spelling: String)
            /// Its value (a string in it, at any depth) holds an escaped NUL (`\u0000`) or a lone
            /// surrogate (`\ud800` without its pair): the string's spelling as sent, cut to 100 characters.
            case unreadableEscape(spelling: String)
        }

        /// The key, its escapes decoded.
        package var key: String
        package var kind: Kind

        /// Why the text stored as sent could read otherwise than the columns.
        package var reason: String {
            switch kind {
            case .repeated:
                "is given twice (spelled alike or not): the text stored as sent and the columns read from it could name different values"
            case .escaped(let spelling):
                "is spelled with an escape (\"\(spelling)\"): SQLite reads the text stored as sent by that spelling and would find no value for the name the columns read"
            case .unreadableEscape(let spelling):
                "holds an escaped NUL or a lone surrogate (\"\(spelling)\"): SQLite's json_extract reads the text stored as sent otherwise than the columns (it ends the string at a NUL and keeps a lone surrogate's bytes)"
            }
        }

        package var description: String { "'\(key)' \(reason)" }
    }
}
