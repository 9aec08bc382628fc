extension JSONParser {
    /// Checks a whole document as `parse` does — the same grammar, the same errors — but
    /// materialises only the values at `selection`'s paths: every other value is checked and
    /// skipped without building it. Slot `i` holds path `i`'s value, `nil` when a key on the way
    /// is absent or not an object; a key given twice counts the first time, as in `parse`.
    ///
    /// - Returns: `nil` when the document is valid JSON but not an object.
    package static func select(_ bytes: [UInt8], _ selection: JSONPathSelection) throws(JSONParseError) -> [JSONValue?]? {
        var unreadable: Set<Int> = []
        return try select(bytes, selection, unreadableSlots: &unreadable)
    }

    /// `select`, also naming in `unreadableSlots` the slots whose value holds a string with an
    /// escaped NUL (`\u0000`) or a lone surrogate (`JSONParser.unreadableEscapes`), which
    /// SQLite's JSON functions read otherwise. Costs nothing for strings without escapes.
    ///
    /// `JSONLineScanner` reads most documents in one pass without building anything but the
    /// selected values; what it refuses or does not handle is walked here, which names the error.
    package static func select(
        _ bytes: [UInt8], _ selection: JSONPathSelection, unreadableSlots: inout Set<Int>
    ) throws(JSONParseError) -> [JSONValue?]? {
        try select(scanned: bytes.withUnsafeBufferPointer { scan($0, selection) }, selection, unreadableSlots: &unreadableSlots) { bytes }
    }

    /// `select` from a buffer: the document is copied only when the full walk reads it.
    package static func select(
        _ document: UnsafeBufferPointer<UInt8>, _ selection: JSONPathSelection, unreadableSlots: inout Set<Int>
    ) throws(JSONParseError) -> [JSONValue?]? {
        try select(scanned: scan(document, selection), selection, unreadableSlots: &unreadableSlots) { Array(document) }
    }

    /// What the scan gave, or, for what it left unread, the walk over `document`'s bytes.
    private static func select(
        scanned: ScannedSelection, _ selection: JSONPathSelection, unreadableSlots: inout Set<Int>, document: () -> [UInt8]
    ) throws(JSONParseError) -> [JSONValue?]? {
        switch scanned {
        case .selected(let slots): return slots
        case .notObject: return nil
        case .unread: return try walk(document(), selection, unreadableSlots: &unreadableSlots)
        }
    }

    /// `select` by the full parser's walk alone, member by member.
    static func walk(
        _ bytes: [UInt8], _ selection: JSONPathSelection, unreadableSlots: inout Set<Int>
    ) throws(JSONParseError) -> [JSONValue?]? {
        var parser = JSONParser(bytes: bytes)
        var slots = [JSONValue?](repeating: nil, count: selection.count)
        parser.skipSpace()
        let isObject = parser.peek() == UInt8(ascii: "{")
        if isObject {
            try parser.selectObject(0, selection, into: &slots)
            if parser.unreadableEscapes > 0 { unreadableSlots = parser.unreadableSlots }
        } else {
            try parser.skipValue()
        }
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return isObject ? slots : nil
    }

    /// The object at `index`, reading the members `node`'s children name.
    private mutating func selectObject(_ node: Int, _ selection: JSONPathSelection, into slots: inout [JSONValue?]) throws(JSONParseError) {
        let children = selection.nodes[node].children
        try members(matching: children) { (parser: inout JSONParser, child: Int) throws(JSONParseError) in
            try parser.selectValue(children[child].node, selection, into: &slots)
        }
    }

    /// Walks the members of the object at `index`: the value of the first member whose key one of
    /// `children` names is read by `visit` (given that child's index), every other value is
    /// checked and skipped — a key given twice counts the first time.
    private mutating func members(
        matching children: [(key: [UInt8], node: Int)], _ visit: (inout JSONParser, Int) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        // The children already read: bits, or flags past 64 children.
        var seen: UInt64 = 0
        var seenWide = children.count > 64 ? [Bool](repeating: false, count: children.count) : []
        if try enterObject() { return }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let child: Int?
            if children.isEmpty {
                try skipString()
                child = nil
            } else {
                child = try selectedKey(children)
            }
            skipSpace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            if let child, child < 64 ? seen & (1 << child) == 0 : !seenWide[child] {
                if child < 64 { seen |= 1 << child } else { seenWide[child] = true }
                try visit(&self, child)
            } else {
                try skipValue()
            }
            if try endOfMember() { return }
        }
    }

    /// The value of a selected member: materialised when a path ends at `node`, walked when paths go on below it.
    private mutating func selectValue(_ node: Int, _ selection: JSONPathSelection, into slots: inout [JSONValue?]) throws(JSONParseError) {
        let here = selection.nodes[node]
        guard let slot = here.slot else {
            skipSpace()
            if peek() == UInt8(ascii: "{") {
                try selectObject(node, selection, into: &slots)
            } else {
                try skipValue()
            }
            return
        }
        let escapesBefore = unreadableEscapes
        let value = try value()
        slots[slot] = value
        if unreadableEscapes != escapesBefore { unreadableSlots.insert(slot) }
        for (path, deeper) in here.below {
            var current: JSONValue? = value
            for key in path { current = current?[key] }
            slots[deeper] = current
            if unreadableEscapes != escapesBefore { unreadableSlots.insert(deeper) }
        }
    }

    /// Reads a key; the index of the child it names, or `nil`. Keys without escapes are compared
    /// as bytes, without making a string.
    private mutating func selectedKey(_ children: [(key: [UInt8], node: Int)]) throws(JSONParseError) -> Int? {
        let start = index + 1
        try skipString()
        let end = index - 1
        let raw = bytes[start..<end]
        if !raw.contains(UInt8(ascii: "\\")) {
            return children.firstIndex { $0.key.count == raw.count && $0.key.elementsEqual(raw) }
        }
        index = start - 1
        let decoded = Array(try string().utf8)
        return children.firstIndex { $0.key == decoded }
    }

    // MARK: - Checking without building

    /// Checks one value and moves past it.
    mutating func skipValue() throws(JSONParseError) {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try skipObject()
        case UInt8(ascii: "["): try skipArray()
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    private mutating func skipObject() throws(JSONParseError) {
        try members(matching: []) { (_: inout JSONParser, _: Int) throws(JSONParseError) in }
    }

    private mutating func skipArray() throws(JSONParseError) {
        try enter()
        index += 1
        skipSpace()
        if peek() == UInt8(ascii: "]") { index += 1; depth -= 1; return }
        while true {
            try skipValue()
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; depth -= 1; return
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }
}
