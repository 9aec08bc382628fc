import PartnerAuditCore

/// The small shapes assessment-results.json repeats, made so that OSCAL's constraints hold
/// whatever text the source sent.
///
/// OSCAL wants a title or a property's value on one line with no space at either end, and every
/// list either absent or not empty; JSON escaping itself is `JSONValue`'s canonical writer's job.
enum OSCALFields {
    /// The namespace of PartnerAudit's own property names.
    static let namespace = "urn:partner-audit:oscal"
    /// The OSCAL version the document declares (1.1.3, the last of 1.1: every field used exists since 1.1).
    static let oscalVersion = "1.1.3"

    /// `text` on one line: every run of white space or control characters one space, none at either end;
    /// `fallback` when nothing is left.
    static func line(_ text: String, fallback: String = "(none)") -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? fallback : out
    }

    /// A property in PartnerAudit's namespace, or `nil` when `value` is empty (OSCAL forbids an empty value).
    static func prop(_ name: String, _ value: String, class className: String? = nil) -> JSONValue? {
        let value = line(value, fallback: "")
        guard !value.isEmpty else { return nil }
        var members: [String: JSONValue] = ["name": .string(name), "ns": .string(namespace), "value": .string(value)]
        if let className { members["class"] = .string(className) }
        return .object(members)
    }

    /// The properties, or `nil` (the member left out) when there are none.
    static func props(_ props: [JSONValue?]) -> JSONValue? {
        list(props.compactMap { $0 })
    }

    /// An array, or `nil` when it is empty: OSCAL lists hold at least one element.
    static func list(_ elements: [JSONValue]) -> JSONValue? {
        elements.isEmpty ? nil : .array(elements)
    }

    /// An object from members, leaving out the ones that are `nil`.
    static func object(_ members: [String: JSONValue?]) -> JSONValue {
        .object(members.compactMapValues { $0 })
    }

    /// A timestamp OSCAL reads (date, time and zone): `text` when it is a canonical timestamp, else `fallback`.
    static func dateTime(_ text: String, fallback: String) -> String {
        Timestamp.parse(text) == nil ? fallback : text
    }
}
