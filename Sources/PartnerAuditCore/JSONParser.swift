/// A strict JSON parser from UTF-8 bytes to `JSONValue`.
///
/// Written for the extractor's hot path (tens of thousands of events a second): one pass over
/// the bytes, no intermediate Foundation objects, integers kept apart from doubles.
package struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    /// Set while parsing the root object's `entities` member: its elements' byte ranges are kept.
    private var recordsNextArray = false
    private var elementRanges: [Range<Int>] = []
    /// The first ambiguous key found since it was last cleared (at the start of each recorded element).
    private var ambiguousKey: JSONPage.AmbiguousKey?
    /// For each recorded element holding an ambiguous key, at any depth: the first.
    private var ambiguousKeys: [Int: JSONPage.AmbiguousKey] = [:]
    /// The strings decoded so far that hold an escaped NUL or a lone surrogate (`decodingEscapes`).
    private(set) var unreadableEscapes = 0
    /// The spelling of the first such string since a member's value last took it (`object()`).
    private var unreadableSpelling: String?
    /// The selected slots whose value holds such a string (`select`).
    var unreadableSlots: Set<Int> = []

    /// Parses a whole document; trailing non-space bytes are an error.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses a paged answer (`{"entities": [...], ...}`) and also returns the exact source
    /// text of each element of `entities`, so the warehouse can keep what the source sent
    /// without writing it out again, and which of them hold a key that text could be read
    /// otherwise by (`JSONPage.ambiguousKeys`).
    package static func parsePage(_ bytes: [UInt8]) throws(JSONParseError) -> JSONPage {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return JSONPage(value: value, entityTexts: parser.elementRanges.map { String(decoding: bytes[$0], as: UTF8.self) },
                        ambiguousKeys: parser.ambiguousKeys)
    }

    /// Parses a document given as text.
    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func value() throws(JSONParseError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if try enterObject() { return .object(members) }
        while true {
            let (key, spelled) = try memberKey()
            // A key given twice: the first one counts, as in SQLite's JSON functions. SQLite
            // matches a key's spelling, not its decoded text, so a page's element holding one,
            // or a key spelled with an escape (every escape is longer than what it decodes to),
            // is also named (`JSONPage.ambiguousKeys`): its text as sent could read otherwise.
            // A key given twice is named before one only escaped.
            let isFirst = members[key] == nil
            if isFirst ? ambiguousKey == nil && key.utf8.count != spelled.count - 2 : ambiguousKey?.kind != .repeated {
                ambiguousKey = ambiguity(key, spelled: spelled, repeated: !isFirst)
            }
            recordsNextArray = depth == 1 && key == "entities" && isFirst
            let escapesBefore = unreadableEscapes
            let parsed = try value()
            if unreadableEscapes != escapesBefore { noteUnreadableValue(of: key) }
            if isFirst { members[key] = parsed }
            recordsNextArray = false
            if try endOfMember() { return .object(members) }
        }
    }

    /// Enters the object at `{`: `true` when it is empty (its `}` read too).
    mutating func enterObject() throws(JSONParseError) -> Bool {
        try enter()
        index += 1
        skipSpace()
        guard peek() == UInt8(ascii: "}") else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// Reads a member's key and the `:` after it: the key's text, and where the key (quotes
    /// included) is spelled in the bytes.
    mutating func memberKey() throws(JSONParseError) -> (key: String, spelled: Range<Int>) {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let start = index
        let key = try string()
        let end = index
        skipSpace()
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
        index += 1
        return (key, start..<end)
    }

    /// Moves past what follows a member's value: `true` at the object's end (its `}` read),
    /// `false` after a `,`.
    mutating func endOfMember() throws(JSONParseError) -> Bool {
        skipSpace()
        switch peek() {
        case UInt8(ascii: ","): index += 1; return false
        case UInt8(ascii: "}"): index += 1; depth -= 1; return true
        default: throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        let records = recordsNextArray
        recordsNextArray = false
        var elements: [JSONValue] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
        while true {
            skipSpace()
            let start = index
            if records { (ambiguousKey, unreadableSpelling) = (nil, nil) }
            elements.append(try value())
            if records {
                if let ambiguousKey { ambiguousKeys[elementRanges.count] = ambiguousKey }
                elementRanges.append(start..<index)
            }
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; depth -= 1; return .array(elements)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    /// An ambiguous key (`spelled`: its bytes, quotes included): given twice, or else spelled with an escape.
    private func ambiguity(_ key: String, spelled: Range<Int>, repeated: Bool) -> JSONPage.AmbiguousKey {
        if repeated { return JSONPage.AmbiguousKey(key: key, kind: .repeated) }
        let spelling = String(decoding: bytes[(spelled.lowerBound + 1)..<(spelled.upperBound - 1)], as: UTF8.self)
        return JSONPage.AmbiguousKey(key: key, kind: .escaped(spelling: ErrorText.prefix(spelling, scalars: 100)))
    }

    /// A member's value held a string with an escaped NUL or a lone surrogate: named under its
    /// key, unless a key was already named. SQLite's `json_extract` ends a string at a NUL and
    /// keeps a lone surrogate's bytes, while the decoded text has the NUL and U+FFFD.
    private mutating func noteUnreadableValue(of key: String) {
        if ambiguousKey == nil, let spelling = unreadableSpelling {
            ambiguousKey = JSONPage.AmbiguousKey(key: key, kind: .unreadableEscape(spelling: spelling))
        }
        unreadableSpelling = nil
    }

    /// A string: checked by `stringEnd` (the parser's one set of string rules), then its bytes
    /// taken as they are, or its escapes decoded when it has some.
    mutating func string() throws(JSONParseError) -> String {
        let start = index + 1
        let (end, failure, escaped) = bytes.withUnsafeBufferPointer { Self.stringEnd($0, from: start) }
        index = end
        if let failure { throw JSONParseError(offset: end, message: failure) }
        let content = start..<(end - 1)
        return escaped ? decodingEscapes(content) : String(decoding: bytes[content], as: UTF8.self)
    }

    /// Checks a string as `string()` does, the same errors at the same bytes, without decoding it.
    mutating func skipString() throws(JSONParseError) {
        let (end, failure, _) = bytes.withUnsafeBufferPointer { Self.stringEnd($0, from: index + 1) }
        index = end
        if let failure { throw JSONParseError(offset: end, message: failure) }
    }

    /// The text of a string's content that `stringEnd` found well formed, its escapes decoded;
    /// one that decodes to a NUL or stands for a lone surrogate is counted (`unreadableEscapes`).
    private mutating func decodingEscapes(_ content: Range<Int>) -> String {
        let (text, unreadable) = bytes.withUnsafeBufferPointer { Self.decodeEscapes(UnsafeBufferPointer(rebasing: $0[content])) }
        if unreadable {
            unreadableEscapes += 1
            if unreadableSpelling == nil { unreadableSpelling = ErrorText.prefix(String(decoding: bytes[content], as: UTF8.self), scalars: 100) }
        }
        index = content.upperBound + 1
        return text
    }

    /// A string's content that `stringEnd` found well formed, its escapes decoded, and whether an
    /// escape in it stands for NUL or is a surrogate without its pair (read as U+FFFD; `\ufffd`
    /// itself is not). A high surrogate followed by `\u` takes that escape as its pair.
    static func decodeEscapes(_ content: UnsafeBufferPointer<UInt8>) -> (text: String, unreadable: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var unreadable = false
        var i = 0
        while i < content.count {
            let byte = content[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            let escape = content[i]
            i += 1
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let digits = i
                let scalar = unicodeEscape(content, &i)
                if scalar.value == 0 {
                    unreadable = true
                } else if scalar == "\u{FFFD}" {
                    unreadable = unreadable || i - digits != 4 || !content[digits..<i].elementsEqual("fffd".utf8) { $0 | 0x20 == $1 }
                }
                // Encoded in place: a `String` of each escaped character allocated one per escape.
                UTF8.encode(scalar) { out.append($0) }
            default: out.append(escape)  // `"`, `\\` and `/` stand for themselves
            }
        }
        return (String(decoding: out, as: UTF8.self), unreadable)
    }

    /// The scalar of a checked `\u` escape whose digits start at `i`, moving `i` past them (and
    /// past a low surrogate's escape that pairs a high one); U+FFFD for a surrogate without its pair.
    private static func unicodeEscape(_ content: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Unicode.Scalar {
        var high: UInt32 = 0
        guard hex4(content, &i, &high) == nil else { return "\u{FFFD}" }
        guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) ?? "\u{FFFD}" }
        guard i + 1 < content.count, content[i] == UInt8(ascii: "\\"), content[i + 1] == UInt8(ascii: "u") else { return "\u{FFFD}" }
        i += 2
        var low: UInt32 = 0
        guard hex4(content, &i, &low) == nil, (0xDC00...0xDFFF).contains(low) else { return "\u{FFFD}" }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
    }

    /// Where the string whose content starts at `start` ends (past its closing quote) and whether
    /// it holds escapes, or where it is wrong and why: a string's rules (its escapes, no control
    /// characters), on the buffer alone.
    static func stringEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, failure: String?, escaped: Bool) {
        var i = start
        var escaped = false
        while true {
            i = specialByte(buffer, from: i)
            guard i < buffer.count else { break }
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { return (i + 1, nil, escaped) }
            if b < 0x20 { return (i, "control character in a string", escaped) }
            i += 1
            guard b == UInt8(ascii: "\\") else { continue }
            escaped = true
            guard i < buffer.count else { break }
            let escape = buffer[i]
            i += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                // As `unicodeEscape()`: a high surrogate followed by `\u` reads four more digits.
                var value: UInt32 = 0
                if let failure = hex4(buffer, &i, &value) { return (i, failure, escaped) }
                if (0xD800...0xDBFF).contains(value), i + 1 < buffer.count, buffer[i] == UInt8(ascii: "\\"), buffer[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    if let failure = hex4(buffer, &i, &value) { return (i, failure, escaped) }
                }
            default:
                return (i, "bad escape in a string", escaped)
            }
        }
        return (i, "unterminated string", escaped)
    }

    /// The first byte from `start` that ends a run of plain string bytes — `"`, `\\` or a control
    /// character — or the buffer's end. Eight bytes at a time: a byte's high bit is set in `mask`
    /// where it is one of those, and the lowest such bit is exact (borrows only run upward).
    @inline(__always)
    static func specialByte(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let bytes = buffer.baseAddress else { return start }
        var i = start
        while i + 8 <= buffer.count {
            let word = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let low: UInt64 = 0x0101_0101_0101_0101
            let mask = ((quote &- low) & ~quote | (backslash &- low) & ~backslash | (word &- 0x2020_2020_2020_2020) & ~word)
                & 0x8080_8080_8080_8080
            if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < buffer.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return i }
            i += 1
        }
        return buffer.count
    }

    /// Reads four hex digits at `i` into `value` (a `\\u` escape's); why not, when they are not,
    /// with `i` at the digit that is wrong.
    private static func hex4(_ buffer: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ value: inout UInt32) -> String? {
        guard i + 4 <= buffer.count else { return "short \\u escape" }
        value = 0
        for _ in 0..<4 {
            let b = buffer[i]
            let digit: UInt32
            switch b {
            case 48...57: digit = UInt32(b - 48)
            case 65...70: digit = UInt32(b - 55)
            case 97...102: digit = UInt32(b - 87)
            default: return "bad hex digit in a \\u escape"
            }
            value = value << 4 | digit
            i += 1
        }
        return nil
    }

    /// A number exactly as RFC 8259 writes it — `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` —
    /// the grammar SQLite's JSON functions accept too: `01`, `+1`, `1.` and `.5` are errors, so
    /// nothing the warehouse stores makes its JSON functions fail later.
    ///
    /// A value beyond a double's range (`1e999`) is in the grammar and is read as an infinite
    /// double, as SQLite's `json_extract` reads it: one such number in a source's event never
    /// fails its page, and `canonicalText` writes it back as `1e999` (or `-1e999`), which
    /// SQLite's JSON functions accept.
    mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw error("unexpected character") }
        index += 1
        if first == UInt8(ascii: "0"), let next = peek(), isDigit(next) { throw error("a number cannot have a leading zero") }
        skipDigits()
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let digit = peek(), isDigit(digit) else { throw error("a decimal point must be followed by a digit") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek(), isDigit(digit) else { throw error("an exponent must have digits") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let i = Int64(text) { return .int(i) }
        // The grammar was checked above, so Double(text) only fails on what it cannot hold;
        // a magnitude beyond its range is ±infinity.
        guard let d = Double(text) else { throw error("number '\(ErrorText.prefix(text, scalars: 30))' cannot be read") }
        return .double(d)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for i in 0..<count where bytes[index + i] != expected[i] { throw error("unexpected character") }
        index += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= 512 else { throw error("nested too deeply") }
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func error(_ message: String) -> JSONParseError { JSONParseError(offset: index, message: message) }
}

/// JSON that cannot be parsed: where (byte offset) and why.
package struct JSONParseError: Error, Sendable, CustomStringConvertible {
    package var offset: Int
    package var message: String
    package var description: String { "invalid JSON at byte \(offset): \(message)" }
}
