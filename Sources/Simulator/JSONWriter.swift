import Hummingbird

/// Appends JSON to a byte buffer by hand: the audit-log pages are on the hot path.
///
/// `JSONEncoder` is an order of magnitude slower for the page sizes served here; this
/// writer only knows objects, arrays, strings, integers and booleans, and leaves commas
/// to the caller (`comma(_:)` helps).
struct JSONWriter {
    var buffer: ByteBuffer

    init(capacity: Int = 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Writes bytes that are already JSON (punctuation, literals).
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    /// Writes text that is already JSON (an unknown field's raw value).
    mutating func rawText(_ text: String) {
        buffer.writeString(text)
    }

    /// Appends a buffer that is already JSON (a pre-rendered event).
    mutating func append(_ json: ByteBuffer) {
        buffer.writeImmutableBuffer(json)
    }

    /// Writes a comma unless this is the first element.
    @inline(__always)
    mutating func comma(_ first: inout Bool) {
        if first { first = false } else { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    /// Writes `"name":` for a key known to need no escaping.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
    }

    /// Writes a quoted string known to hold no character that needs escaping (ids, IPs, timestamps, paths).
    @inline(__always)
    mutating func plainString(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeString(value)
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// Writes a quoted string, escaping quotes, backslashes and control characters.
    mutating func string(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if index > runStart {
                    buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
                }
                escape(byte)
                runStart = index + 1
            }
            if runStart < bytes.count {
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// Writes a canonical timestamp (`2026-09-30T23:59:59.123Z`) from milliseconds since 1970.
    @inline(__always)
    mutating func timestamp(_ milliseconds: Int64) {
        quotedTimestamp(milliseconds)
    }

    /// Writes an integer.
    @inline(__always)
    mutating func int(_ value: Int) {
        integer(value)
    }

    /// Writes `true` or `false`.
    @inline(__always)
    mutating func bool(_ value: Bool) {
        buffer.writeStaticString(value ? "true" : "false")
    }

    /// Writes an array of strings.
    mutating func strings(_ values: [String]) {
        raw("[")
        var first = true
        for value in values {
            comma(&first)
            string(value)
        }
        raw("]")
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: buffer.writeStaticString("\\\"")
        case 0x5C: buffer.writeStaticString("\\\\")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        default:
            let hex = Array("0123456789abcdef".utf8)
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0xF)])
        }
    }
}
