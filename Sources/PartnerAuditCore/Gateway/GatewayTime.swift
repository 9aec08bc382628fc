/// The timestamps gateways write, read as milliseconds since 1970 (UTC).
///
/// - a number, or a string of digits: epoch milliseconds (Kong's `started_at`, AWS's
///   `requestTimeEpoch`), or epoch seconds when below 10¹¹ (a fraction kept to the millisecond);
/// - ISO 8601 with `Z` or an offset, an optional fraction (Envoy's `%START_TIME%`, nginx's `$time_iso8601`);
/// - the Common Log Format, `dd/Mon/yyyy:HH:mm:ss ±hhmm` (AWS's `$context.requestTime`).
///
/// Anything else, or an instant outside years 1970…9999, is `nil`.
package enum GatewayTime {
    private static let latest: Int64 = 253_402_300_800_000  // 10000-01-01T00:00:00Z

    package static func milliseconds(_ value: JSONValue) -> Int64? {
        let millis: Int64?
        switch value {
        case .int(let number): millis = epoch(Double(number), integral: number)
        case .double(let number): millis = epoch(number, integral: nil)
        case .string(let text): millis = parse(text)
        default: millis = nil
        }
        guard let millis, millis >= 0, millis < latest else { return nil }
        return millis
    }

    private static func epoch(_ number: Double, integral: Int64?) -> Int64? {
        guard number.isFinite, number >= 0, number < 1e15 else { return nil }
        if number >= 1e11 { return integral ?? Int64(number.rounded(.down)) }
        return Int64((number * 1000).rounded(.down))
    }

    private static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        if bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return Int64(text).flatMap { epoch(Double($0), integral: $0) } }
        if bytes.count > 10, bytes[2] == 47 /* / */ { return commonLog(bytes) }
        return iso8601(bytes)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM|±HHMM)`.
    private static func iso8601(_ b: [UInt8]) -> Int64? {
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 32, b[13] == 58, b[16] == 58,
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2) else { return nil }
        var index = 19
        var millis: Int64 = 0
        if b[index] == 46 /* . */ {
            index += 1
            var count = 0
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                if count < 3 { millis = millis * 10 + Int64(b[index] - 48) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 3)..<3 { millis *= 10 }
        }
        guard let offset = zone(b, from: index) else { return nil }
        return civil(year, month, day, hour, minute, second).map { $0 + millis - offset }
    }

    /// `dd/Mon/yyyy:HH:mm:ss ±hhmm`.
    private static func commonLog(_ b: [UInt8]) -> Int64? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard b.count == 26, b[2] == 47, b[6] == 47, b[11] == 58, b[14] == 58, b[17] == 58, b[20] == 32,
              let day = digits(b, 0, 2), let year = digits(b, 7, 4), let hour = digits(b, 12, 2),
              let minute = digits(b, 15, 2), let second = digits(b, 18, 2),
              let monthIndex = months.firstIndex(of: String(decoding: b[3..<6], as: UTF8.self)),
              let offset = zone(b, from: 21) else { return nil }
        return civil(year, Int64(monthIndex + 1), day, hour, minute, second).map { $0 - offset }
    }

    /// The offset from UTC in milliseconds of the zone at `index` (`Z`, `±HH:MM`, `±HHMM`) ending the text.
    private static func zone(_ b: [UInt8], from index: Int) -> Int64? {
        guard index < b.count else { return nil }
        if b[index] == 90 /* Z */ { return index == b.count - 1 ? 0 : nil }
        guard b[index] == 43 || b[index] == 45 else { return nil }
        let sign: Int64 = b[index] == 45 ? -1 : 1
        let rest = b.count - index - 1
        let hours: Int64?, minutes: Int64?
        if rest == 5, b[index + 3] == 58 {
            (hours, minutes) = (digits(b, index + 1, 2), digits(b, index + 4, 2))
        } else if rest == 4 {
            (hours, minutes) = (digits(b, index + 1, 2), digits(b, index + 3, 2))
        } else {
            return nil
        }
        guard let hours, let minutes, hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes) * 60_000
    }

    private static func civil(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64, _ minute: Int64, _ second: Int64) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return Timestamp.days(fromCivil: year, month, day) * TimeSpan.day.milliseconds + hour * TimeSpan.hour.milliseconds
            + minute * TimeSpan.minute.milliseconds + second * TimeSpan.second.milliseconds
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start + count <= b.count else { return nil }
        var value: Int64 = 0
        for i in start..<(start + count) {
            guard b[i] >= 48, b[i] <= 57 else { return nil }
            value = value * 10 + Int64(b[i] - 48)
        }
        return value
    }
}
