/// A paged answer (`{"entities": [...], ...}`) as `JSONParser.parsePage` reads it.
///
/// ```swift
/// let page = try JSONParser.parsePage(Array(#"{"entities":[{"a":1},{"a":2,"\u0061":3}]}"#.utf8))
/// page.entityTexts     // [#"{"a":1}"#, #"{"a":2,"\u0061":3}"#]
/// page.repeatedKeys    // [1: "a"]
/// ```
package struct JSONPage: Sendable {
    /// The whole answer; of a key given twice, the first value.
    package var value: JSONValue
    /// The exact source text of each element of `entities`, in order.
    package var entityTexts: [String]
    /// For each element of `entities` (by position) holding an object with a key given twice
    /// at any depth — the same key after escapes are decoded, spelled alike or not — that key.
    ///
    /// Such an element's text, stored as sent, can read otherwise than its parsed value: SQLite's
    /// `json_extract` matches `"s\u006furceIp"` only as spelled, this parser by its decoded
    /// text, so each may take a different one of the two values.
    package var repeatedKeys: [Int: String]
}
