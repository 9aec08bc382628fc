import PartnerAuditCore

/// A paged answer: `{"entities": [...], ...}`, with each entity's text as the source sent it.
struct SourcePage {
    let json: JSONValue
    let entities: [JSONValue]
    /// The source's own text of each entity, aligned with `entities`; empty unless asked for.
    let entityTexts: [String]
    /// The entities (by position) holding a key their text could be read otherwise by, and the
    /// first such key; empty unless the texts are kept.
    let ambiguousKeys: [Int: JSONPage.AmbiguousKey]

    /// - Parameter keepsEntityTexts: whether to keep each entity's text (the guide dialect stores
    ///   it as the raw JSON; the live one stores a rearranged message and does not need it).
    init(_ response: APIResponse, label: String, keepsEntityTexts: Bool = true) throws(SourceError) {
        do {
            if keepsEntityTexts {
                let page = try JSONParser.parsePage(response.body)
                (json, entityTexts, ambiguousKeys) = (page.value, page.entityTexts, page.ambiguousKeys)
            } else {
                json = try JSONParser.parse(response.body)
                (entityTexts, ambiguousKeys) = ([], [:])
            }
        } catch {
            throw SourceError(.malformedResponse, request: label, message: "\(error)")
        }
        guard let entities = json["entities"]?.arrayValue, !keepsEntityTexts || entities.count == entityTexts.count else {
            throw SourceError(.malformedResponse, request: label, message: "no 'entities' list in the page")
        }
        self.entities = entities
    }

    /// A count the page gives (`total`, `pageCount`): a whole number from 0, else `nil` (a
    /// negative count is no count, and nothing downstream is sized by it).
    func count(_ key: String) -> Int? { json[key]?.intValue.flatMap { $0 >= 0 ? Int($0) : nil } }
}
