extension JSONParser {
    /// Parses a whole document as `parse` does — the same grammar, the same errors — but hands
    /// each element of the array at the root object's member `key` to `element` as soon as it is
    /// parsed, instead of keeping it: a large answer's rows are built one at a time, and the
    /// tree of the whole answer is never held.
    ///
    /// The result is the root value with that member's array left empty (`.array([])`, so a
    /// caller still tells "a list" from "absent" or "not a list"); any other value at `key` is
    /// kept as it is. A key given twice counts the first time, as in `parse`.
    package static func parse(
        _ bytes: [UInt8], streamingElementsOf key: String, _ element: (JSONValue) -> Void
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value: JSONValue
        if parser.peek() == UInt8(ascii: "{") {
            value = try parser.objectStreaming(key, element)
        } else {
            value = try parser.value()
        }
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// The root object, its member `key`'s array elements handed to `element`.
    private mutating func objectStreaming(_ streamed: String, _ element: (JSONValue) -> Void) throws(JSONParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if try enterObject() { return .object(members) }
        while true {
            let (key, _) = try memberKey()
            skipSpace()
            let isFirst = members[key] == nil
            if isFirst, key == streamed, peek() == UInt8(ascii: "[") {
                try streamArray(element)
                members[key] = .array([])
            } else {
                let parsed = try value()
                if isFirst { members[key] = parsed }
            }
            if try endOfMember() { return .object(members) }
        }
    }

    /// An array whose elements go to `element` one by one.
    private mutating func streamArray(_ element: (JSONValue) -> Void) throws(JSONParseError) {
        try enter()
        index += 1
        skipSpace()
        if peek() == UInt8(ascii: "]") { index += 1; depth -= 1; return }
        while true {
            element(try value())
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; depth -= 1; return
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }
}
