// MARK: - Stored form

extension RejectedEvent {
    /// Events as the warehouse keeps them: canonical JSON, `[{"id": …, "reason": …}, …]` (no
    /// `id` for an event that had none).
    ///
    /// ```swift
    /// RejectedEvent.jsonText([RejectedEvent(id: nil, reason: "field 'id' is missing or empty")])
    /// // [{"reason":"field 'id' is missing or empty"}]
    /// ```
    package static func jsonText(_ events: [RejectedEvent]) -> String {
        JSONValue.array(events.map { event in
            var members: [String: JSONValue] = ["reason": .string(event.reason)]
            if let id = event.id { members["id"] = .string(id) }
            return .object(members)
        }).canonicalText
    }

    /// The events `jsonText` wrote; none for NULL, and none for text that does not read as such
    /// (the row ledger, not this reader, is what tells a rewritten row).
    package static func decoding(_ text: String?) -> [RejectedEvent] {
        guard let text, let elements = (try? JSONParser.parse(text))?.arrayValue else { return [] }
        return elements.compactMap { element in
            element["reason"]?.stringValue.map { RejectedEvent(id: element["id"]?.stringValue, reason: $0) }
        }
    }
}
