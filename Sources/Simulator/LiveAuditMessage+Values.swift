import PartnerAuditCore

extension LiveAuditMessage {
    /// `[{"property", "oldValues", "newValues"}]` of `changes`, by field name.
    static func writePropertyChanges(_ changes: [String: JSONValue], to writer: inout JSONWriter) {
        writer.raw("[")
        var first = true
        for field in changes.keys.sorted() {
            writer.comma(&first)
            let change = changes[field]
            writer.raw("{"); writer.key("property"); writer.string(field)
            writer.raw(","); writer.key("oldValues"); writer.strings(values(change?["old"]))
            writer.raw(","); writer.key("newValues"); writer.strings(values(change?["new"]))
            writer.raw("}")
        }
        writer.raw("]")
    }

    /// Every details key without a place of its own, by name, each value as text.
    static func writeContext(_ details: JSONValue, to writer: inout JSONWriter) {
        writer.raw("{")
        if case .object(let members) = details {
            var first = true
            for key in members.keys.sorted() where !placedDetails.contains(key) {
                guard let value = members[key] else { continue }
                writer.comma(&first)
                writer.string(key); writer.raw(":"); writer.string(text(value))
            }
        }
        writer.raw("}")
    }

    /// The values of one side of a change: an array's elements as text, nothing for null or
    /// absent, a string itself, anything else its JSON text.
    static func values(_ value: JSONValue?) -> [String] {
        switch value {
        case nil, .null?: []
        case .string(let text)?: [text]
        case .array(let elements)?: elements.map { $0.stringValue ?? $0.canonicalText }
        case let other?: [other.canonicalText]
        }
    }

    /// A context value as text: a string as is, an array of strings joined by spaces, anything else its JSON text.
    static func text(_ value: JSONValue) -> String {
        if let text = value.stringValue { return text }
        if let strings = value.stringArray { return strings.joined(separator: " ") }
        return value.canonicalText
    }
}
