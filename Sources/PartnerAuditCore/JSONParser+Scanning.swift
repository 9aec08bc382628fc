extension JSONParser {
    /// What `JSONLineScanner` read of a document for a selection.
    enum ScannedSelection {
        /// An object, with its selected values built.
        case selected([JSONValue?])
        case notObject
        /// Refused, or holding what only the full walk reads.
        case unread
    }

    /// Scans `document` and builds the values at `selection`'s slots from their spans. A value
    /// the full walk reads otherwise than its bytes alone say — an escape standing for NUL or a
    /// lone surrogate (`unreadableSlots`), an object or array, a number a double cannot read —
    /// leaves the document unread, as does anything the scanner does not handle.
    static func scan(_ document: UnsafeBufferPointer<UInt8>, _ selection: JSONPathSelection) -> ScannedSelection {
        guard let base = document.baseAddress else { return .unread }
        return withUnsafeTemporaryAllocation(of: JSONLineScanner.Span.self, capacity: selection.count) { spans in
            spans.initialize(repeating: JSONLineScanner.Span())
            switch JSONLineScanner.scan(document, selection.table, into: spans) {
            case .unread: return .unread
            case .notObject: return .notObject
            case .object:
                var slots = [JSONValue?](repeating: nil, count: selection.count)
                for (slot, span) in spans.enumerated() where span.kind != .absent {
                    guard let value = value(span, in: base) else { return .unread }
                    slots[slot] = value
                }
                return .selected(slots)
            }
        }
    }

    /// The value a span holds, as `value()` builds it; `nil` when only the full walk builds it.
    private static func value(_ span: JSONLineScanner.Span, in document: UnsafePointer<UInt8>) -> JSONValue? {
        let bytes = UnsafeBufferPointer(start: document + span.start, count: span.end - span.start)
        switch span.kind {
        case .absent, .container: return nil
        case .string: return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes.dropFirst().dropLast()), as: UTF8.self))
        case .escapedString: return decodedString(UnsafeBufferPointer(rebasing: bytes.dropFirst().dropLast())).map(JSONValue.string)
        case .bool: return .bool(bytes[0] == UInt8(ascii: "t"))
        case .null: return .null
        case .integer:
            if let small = smallInteger(bytes) { return .int(small) }
            fallthrough
        case .number:
            let text = String(decoding: bytes, as: UTF8.self)
            if span.kind == .integer, let integer = Int64(text) { return .int(integer) }
            return Double(text).map(JSONValue.double)
        }
    }

    /// An integer of at most 18 digits, which cannot overflow, read without making a string.
    private static func smallInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = bytes.first == UInt8(ascii: "-")
        let digits = negative ? bytes.count - 1 : bytes.count
        guard digits <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes.dropFirst(negative ? 1 : 0) { value = value * 10 + Int64(byte &- 48) }
        return negative ? -value : value
    }

    /// The text of a checked string's content with its escapes decoded; `nil` when an escape
    /// stands for NUL or a lone surrogate, which the full walk names (`unreadableSlots`).
    private static func decodedString(_ content: UnsafeBufferPointer<UInt8>) -> String? {
        let (text, unreadable) = decodeEscapes(content)
        return unreadable ? nil : text
    }
}
