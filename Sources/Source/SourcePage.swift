import PartnerAuditCore

/// A paged answer: `{"entities": [...], ...}`, with each entity's text as the source sent it.
struct SourcePage {
    let json: JSONValue
    let entities: [JSONValue]
    /// The source's own text of each entity, aligned with `entities`.
    let entityTexts: [String]

    init(_ response: APIResponse, label: String) throws(SourceError) {
        do {
            (json, entityTexts) = try JSONParser.parsePage(response.body)
        } catch {
            throw SourceError(.malformedResponse, request: label, message: "\(error)")
        }
        guard let entities = json["entities"]?.arrayValue, entities.count == entityTexts.count else {
            throw SourceError(.malformedResponse, request: label, message: "no 'entities' list in the page")
        }
        self.entities = entities
    }

    func int(_ key: String) -> Int? { json[key]?.intValue.map(Int.init) }
}
