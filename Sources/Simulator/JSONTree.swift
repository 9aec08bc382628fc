/// A small JSON value, for the few events and bodies built once rather than per page.
///
/// Objects keep their key order, so what is written is exactly what was built.
enum JSONTree: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONTree])
    case object([Member])

    /// One key of an object.
    struct Member: Sendable, Equatable {
        let key: String
        let value: JSONTree
    }

    /// An object from key–value pairs, in order.
    static func object(_ pairs: KeyValuePairs<String, JSONTree>) -> JSONTree {
        .object(pairs.map { Member(key: $0.key, value: $0.value) })
    }

    /// An array of strings.
    static func strings(_ values: [String]) -> JSONTree {
        .array(values.map { .string($0) })
    }
}

extension JSONWriter {
    /// Writes a `JSONTree`.
    mutating func value(_ value: JSONTree) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .bool(let flag): bool(flag)
        case .null: raw("null")
        case .array(let items):
            raw("[")
            var first = true
            for item in items {
                comma(&first)
                self.value(item)
            }
            raw("]")
        case .object(let members):
            raw("{")
            var first = true
            for member in members {
                comma(&first)
                string(member.key)
                raw(":")
                self.value(member.value)
            }
            raw("}")
        }
    }
}
