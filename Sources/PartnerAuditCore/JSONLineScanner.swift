/// The fast path of `JSONParser.select`: checks one document in a single pass over its bytes,
/// through pointers, and notes where each selected value lies instead of building it.
///
/// It accepts exactly what `JSONParser.parse` accepts — the same grammar, the same nesting
/// bound — but only says *whether*: a document it refuses, or one it does not handle (a key
/// with an escape where keys are being matched, more than 64 keys wanted in one object, a
/// selection whose paths go on below a selected value), goes to the full walk, which names the
/// error or reads it.
struct JSONLineScanner {
    /// What a scan found.
    enum Outcome {
        /// An object: the spans of its selected values are filled.
        case object
        /// Valid JSON that is not an object.
        case notObject
        /// Refused, or not handled here: the full walk reads it.
        case unread
    }

    /// Where a selected value lies in the document, and what it is.
    struct Span {
        enum Kind: UInt8 { case absent, string, escapedString, integer, number, bool, null, container }
        var start = 0
        var end = 0
        var kind = Kind.absent
    }

    /// Why a scan stopped: either way the full walk takes over.
    private enum Stop: Error { case refused, unhandled }

    private let bytes: UnsafePointer<UInt8>
    private let end: Int
    private let records: UnsafePointer<Int32>
    private let keys: UnsafePointer<UInt8>
    private let spans: UnsafeMutablePointer<Span>
    private var index = 0
    private var depth = 0

    /// Scans `document`, writing the span of each of `table`'s slots into `spans` (which holds
    /// one per slot, each `.absent` on entry).
    static func scan(
        _ document: UnsafeBufferPointer<UInt8>, _ table: JSONPathSelection.ScanTable, into spans: UnsafeMutableBufferPointer<Span>
    ) -> Outcome {
        guard table.isFlat, let bytes = document.baseAddress, let spanBase = spans.baseAddress else { return .unread }
        return table.records.withUnsafeBufferPointer { records in
            table.keys.withUnsafeBufferPointer { keys in
                // An empty key table still needs an address; it is never read.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { spare in
                    guard let recordBase = records.baseAddress, let keyBase = keys.baseAddress ?? UnsafePointer(spare.baseAddress) else {
                        return .unread
                    }
                    var scanner = JSONLineScanner(bytes: bytes, end: document.count, records: recordBase, keys: keyBase, spans: spanBase)
                    do throws(Stop) {
                        return try scanner.document()
                    } catch {
                        return .unread
                    }
                }
            }
        }
    }

    private init(bytes: UnsafePointer<UInt8>, end: Int, records: UnsafePointer<Int32>, keys: UnsafePointer<UInt8>, spans: UnsafeMutablePointer<Span>) {
        self.bytes = bytes
        self.end = end
        self.records = records
        self.keys = keys
        self.spans = spans
    }

    private mutating func document() throws(Stop) -> Outcome {
        skipSpace()
        let isObject = index < end && bytes[index] == UInt8(ascii: "{")
        if isObject {
            try object(record: 0)
        } else {
            _ = try value()
        }
        skipSpace()
        guard index == end else { throw .refused }
        return isObject ? .object : .notObject
    }

    // MARK: - Containers

    /// The object at `{`, matching its keys against the children of the node at `record`
    /// (−1: nothing wanted below). A key given twice counts the first time.
    private mutating func object(record: Int) throws(Stop) {
        try enter()
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        let children = record >= 0 ? Int(records[record + 1]) : 0
        guard children <= 64 else { throw .unhandled }
        var seen: UInt64 = 0
        while true {
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw .refused }
            let keyStart = index + 1
            let escaped = try string()
            var child = -1
            if children > 0 {
                guard !escaped else { throw .unhandled }
                child = match(record: record, children: children, key: keyStart, length: index - 1 - keyStart)
            }
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: ":") else { throw .refused }
            index += 1
            if child >= 0, seen & (1 << UInt64(child)) == 0 {
                seen |= 1 << UInt64(child)
                try member(record: Int(records[record + 2 + 3 * child + 2]))
            } else {
                _ = try value()
            }
            skipSpace()
            guard index < end else { throw .refused }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; depth -= 1; return
            default: throw .refused
            }
        }
    }

    /// The value of a wanted member: its span noted when a path ends at its node, its object
    /// walked when paths go on below.
    private mutating func member(record: Int) throws(Stop) {
        let slot = Int(records[record])
        skipSpace()
        guard slot >= 0 else {
            if index < end, bytes[index] == UInt8(ascii: "{") {
                try object(record: record)
            } else {
                _ = try value()
            }
            return
        }
        let start = index
        let kind = try value()
        spans[slot] = Span(start: start, end: index, kind: kind)
    }

    /// The child of the node at `record` whose key is the `length` bytes at `key`, or −1.
    private func match(record: Int, children: Int, key: Int, length: Int) -> Int {
        for child in 0..<children {
            let entry = record + 2 + 3 * child
            guard Int(records[entry + 1]) == length else { continue }
            if equal(keys + Int(records[entry]), bytes + key, length) { return child }
        }
        return -1
    }

    private mutating func array() throws(Stop) {
        try enter()
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            _ = try value()
            skipSpace()
            guard index < end else { throw .refused }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; depth -= 1; return
            default: throw .refused
            }
        }
    }

    /// Steps into a container at its opening byte; the full parser's bound on nesting.
    private mutating func enter() throws(Stop) {
        depth += 1
        guard depth <= 512 else { throw .refused }
        index += 1
    }

    // MARK: - Values

    /// Checks one value and moves past it; what kind it was.
    private mutating func value() throws(Stop) -> Span.Kind {
        skipSpace()
        guard index < end else { throw .refused }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(record: -1); return .container
        case UInt8(ascii: "["): try array(); return .container
        case UInt8(ascii: "\""): return try string() ? .escapedString : .string
        case UInt8(ascii: "t"): try literal("true"); return .bool
        case UInt8(ascii: "f"): try literal("false"); return .bool
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    /// The string at `"`, checked by the full parser's one set of string rules
    /// (`JSONParser.stringEnd`); whether it holds escapes.
    private mutating func string() throws(Stop) -> Bool {
        let (stop, failure, escaped) = JSONParser.stringEnd(UnsafeBufferPointer(start: bytes, count: end), from: index + 1)
        guard failure == nil else { throw .refused }
        index = stop
        return escaped
    }

    /// A number by RFC 8259's grammar, as the full parser reads it.
    private mutating func number() throws(Stop) -> Span.Kind {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(bytes[index]) else { throw .refused }
        let first = bytes[index]
        index += 1
        if first == UInt8(ascii: "0"), index < end, isDigit(bytes[index]) { throw .refused }
        skipDigits()
        var kind = Span.Kind.integer
        if index < end, bytes[index] == UInt8(ascii: ".") {
            kind = .number
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw .refused }
            skipDigits()
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            kind = .number
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, isDigit(bytes[index]) else { throw .refused }
            skipDigits()
        }
        return kind
    }

    private mutating func literal(_ word: StaticString) throws(Stop) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end, equal(word.utf8Start, bytes + index, count) else { throw .refused }
        index += count
    }

    private func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for i in 0..<count where a[i] != b[i] { return false }
        return true
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    private mutating func skipDigits() {
        while index < end, isDigit(bytes[index]) { index += 1 }
    }

    private mutating func skipSpace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
