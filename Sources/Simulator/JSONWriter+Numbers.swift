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

    /// Writes a quoted canonical timestamp (`"2026-09-30T23:59:59.123Z"`) from milliseconds since 1970.
    ///
    /// The civil-date arithmetic is Howard Hinnant's `civil_from_days`, as in `Timestamp`,
    /// done here straight into the buffer because every event needs it.
    mutating func quotedTimestamp(_ milliseconds: Int64) {
        let dayNumber = milliseconds >= 0 ? milliseconds / 86_400_000 : -((-milliseconds + 86_399_999) / 86_400_000)
        let msOfDay = Int(milliseconds - dayNumber * 86_400_000)
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        raw("\"")
        digits(Int(year), width: 4); raw("-")
        digits(Int(month), width: 2); raw("-")
        digits(Int(day), width: 2); raw("T")
        digits(msOfDay / 3_600_000, width: 2); raw(":")
        digits(msOfDay / 60_000 % 60, width: 2); raw(":")
        digits(msOfDay / 1000 % 60, width: 2); raw(".")
        digits(msOfDay % 1000, width: 3); raw("Z\"")
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
