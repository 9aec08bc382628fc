/// A JSON value from the source, kept whole so nothing the platform sends is lost.
///
/// `canonicalText` writes it back with sorted keys and no white space: the raw JSON the
/// warehouse stores and hashes is therefore the same bytes whoever serialised it first.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value under `key` when this is an object.
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string value; `nil` for every other kind.
    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A string value that is not empty (the live API sends `""` for absent).
    package var nonEmptyString: String? {
        guard let s = stringValue, !s.isEmpty else { return nil }
        return s
    }

    /// An integer value (a double with no fraction counts).
    package var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
        case .string(let s): return Int64(s)
        default: return nil
        }
    }

    /// A boolean value.
    package var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements of an array value.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The string elements of an array value; `nil` if it is not an array of strings.
    package var stringArray: [String]? {
        guard let elements = arrayValue else { return nil }
        var out: [String] = []
        out.reserveCapacity(elements.count)
        for element in elements {
            guard let s = element.stringValue else { return nil }
            out.append(s)
        }
        return out
    }

    /// This value without the given keys, compared case-insensitively, at any depth (inside
    /// nested objects and arrays too): how a secret the source echoes is kept out of storage.
    package func removingKeys(_ keys: Set<String>) -> JSONValue {
        let lowered = Set(keys.map { $0.lowercased() })
        return removingKeys(lowercased: lowered)
    }

    private func removingKeys(lowercased keys: Set<String>) -> JSONValue {
        switch self {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, value) in members where !keys.contains(key.lowercased()) {
                kept[key] = value.removingKeys(lowercased: keys)
            }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map { $0.removingKeys(lowercased: keys) })
        default:
            return self
        }
    }
}

extension JSONValue: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
