import Hummingbird
import PartnerAuditCore

/// Appends JSON to a byte array by hand: the audit-log pages are on the hot path.
///
/// `JSONEncoder` is an order of magnitude slower for the page sizes served here; this
/// writer only knows objects, arrays, strings, integers and booleans, and leaves commas
/// to the caller (`comma(_:)` helps). It appends to a plain `[UInt8]` (cheaper per write
/// than a `ByteBuffer`) and hands a `ByteBuffer` out once, at the end.
struct JSONWriter {
    var bytes: [UInt8]

    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// What was written, as a buffer for a response body.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Writes one byte.
    @inline(__always)
    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Writes bytes that are already JSON (punctuation, literals).
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes text that is already JSON (an unknown field's raw value), or needs no escaping.
    @inline(__always)
    mutating func rawText(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends bytes that are already JSON (a pre-rendered event).
    @inline(__always)
    mutating func append(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// Writes a comma unless this is the first element.
    @inline(__always)
    mutating func comma(_ first: inout Bool) {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    /// Writes `"name":` for a key known to need no escaping.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    /// Writes a quoted string known to hold no character that needs escaping (ids, IPs, timestamps, paths).
    @inline(__always)
    mutating func plainString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a quoted string, escaping quotes, backslashes and control characters: Core's escaper, so the
    /// simulator's strings are written exactly as the warehouse writes its canonical JSON.
    @inline(__always)
    mutating func string(_ value: String) {
        JSONValue.writeString(value, to: &bytes)
    }

    /// Writes a canonical timestamp (`"2026-09-30T23:59:59.123Z"`) from milliseconds since 1970.
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
        raw(value ? "true" : "false")
    }

    /// Writes an array of strings.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            comma(&first)
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
