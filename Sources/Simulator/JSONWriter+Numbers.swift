import PartnerAuditCore

extension JSONWriter {
    /// Writes the decimal digits of a non-negative integer, at least `width` of them (zero-padded).
    @inline(__always)
    mutating func digits(_ value: Int, width: Int = 1) {
        var remaining = value < 0 ? 0 : value
        var count = 0
        var probe = remaining
        repeat { count += 1; probe /= 10 } while probe > 0
        count = max(count, width)
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var position = end
            while remaining > 0 {
                position -= 1
                buffer[position] = UInt8(48 + remaining % 10)
                remaining /= 10
            }
        }
    }

    /// Writes an integer, with a sign when negative.
    @inline(__always)
    mutating func integer(_ value: Int) {
        if value < 0 {
            raw("-")
            digits(value == Int.min ? Int.max : -value)
        } else {
            digits(value)
        }
    }

    /// Writes a quoted canonical timestamp (`"2026-09-30T23:59:59.123Z"`) from milliseconds since 1970:
    /// Core's `Timestamp` writes it straight into the buffer.
    @inline(__always)
    mutating func quotedTimestamp(_ milliseconds: Int64) {
        bytes.append(UInt8(ascii: "\""))
        Timestamp.append(milliseconds: milliseconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a quoted dotted-quad IPv4 address.
    @inline(__always)
    mutating func quotedAddress(_ address: UInt32) {
        raw("\"")
        digits(Int(address >> 24)); raw(".")
        digits(Int(address >> 16 & 0xFF)); raw(".")
        digits(Int(address >> 8 & 0xFF)); raw(".")
        digits(Int(address & 0xFF))
        raw("\"")
    }
}
