import Foundation

/// ISO 8601 timestamps in UTC, as the source API and the warehouse write them.
///
/// The canonical form always has milliseconds (`2026-09-30T23:59:59.123Z`), so the text
/// sorts in time order and can be compared in SQL. Parsing accepts milliseconds optionally.
/// Hand-written rather than `ISO8601DateFormatter`: it runs once per event on the hot path.
package enum Timestamp {
    /// Formats a date in the canonical form, truncated to the millisecond.
    package static func format(_ date: Date) -> String {
        format(milliseconds: milliseconds(date))
    }

    /// Formats milliseconds since 1970 in the canonical form.
    package static func format(milliseconds ms: Int64) -> String {
        var out = [UInt8]()
        out.reserveCapacity(24)
        append(milliseconds: ms, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical form's UTF-8 (24 bytes) to `out`, allocating nothing else.
    ///
    /// The text is written into a 24-byte scratch and appended at once, each digit by a division
    /// by a constant: it runs twice per gateway line, and byte-by-byte appends with divisions by a
    /// variable were a twentieth of the reading loop.
    package static func append(milliseconds ms: Int64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { text in
            guard let start = text.baseAddress else { return }
            write(milliseconds: ms, to: start)
            out.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// The length of `format`'s text: `2026-09-30T14:05:09.120Z`.
    package static var length: Int { 24 }

    /// Writes `format`'s `length` bytes at `text`, where the caller has made room for them.
    package static func write(milliseconds ms: Int64, to text: UnsafeMutablePointer<UInt8>) {
        let days = floorDiv(ms, TimeSpan.day.milliseconds)
        let msOfDay = ms - days * TimeSpan.day.milliseconds
        let (year, month, day) = civil(fromDays: days)
        let (hour, minute, second, millisecond) = (
            msOfDay / TimeSpan.hour.milliseconds, msOfDay / TimeSpan.minute.milliseconds % 60, msOfDay / 1000 % 60, msOfDay % 1000
        )
        /// The last two digits of `value` at `index`, and `separator` after them.
        func two(_ value: Int64, at index: Int, _ separator: UInt8) {
            text[index] = UInt8(48 + value / 10 % 10)
            text[index + 1] = UInt8(48 + value % 10)
            text[index + 2] = separator
        }
        text[0] = UInt8(48 + year / 1000 % 10)
        text[1] = UInt8(48 + year / 100 % 10)
        two(year, at: 2, 45)
        two(month, at: 5, 45)
        two(day, at: 8, 84)
        two(hour, at: 11, 58)
        two(minute, at: 14, 58)
        two(second, at: 17, 46)
        text[20] = UInt8(48 + millisecond / 100 % 10)
        two(millisecond, at: 21, 90)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (UTC only); `nil` for anything else.
    package static func parse(_ text: some StringProtocol) -> Date? {
        parseMilliseconds(text).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// Parses like `parse(_:)`, returning milliseconds since 1970.
    package static func parseMilliseconds(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == 90 /* Z */ else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int64(b - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis: Int64 = 0
        if bytes.count > 20 {
            // A fraction: `.` then 1–9 digits, of which the first three count.
            guard bytes[19] == 46, bytes.count - 21 >= 1, bytes.count - 21 <= 9,
                  let fraction = number(20..<(bytes.count - 1)) else { return nil }
            let digits = bytes.count - 21
            var scaled = fraction
            if digits < 3 { for _ in digits..<3 { scaled *= 10 } }
            if digits > 3 { for _ in 3..<digits { scaled /= 10 } }
            millis = scaled
        }
        let days = self.days(fromCivil: year, month, day)
        return days * TimeSpan.day.milliseconds + hour * TimeSpan.hour.milliseconds + minute * TimeSpan.minute.milliseconds
            + second * TimeSpan.second.milliseconds + millis
    }

    /// Milliseconds since 1970, rounded down.
    package static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date of the given milliseconds since 1970.
    package static func date(milliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    // MARK: - Civil calendar (Howard Hinnant's days_from_civil / civil_from_days)

    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
