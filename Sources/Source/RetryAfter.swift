import Foundation

/// The `Retry-After` header, read strictly (RFC 9110 §10.2.3): delta-seconds (ASCII digits
/// only) or an HTTP-date; anything else — `inf`, `1e19`, `NaN`, `-5`, `1.5` — is absent.
///
/// ```swift
/// RetryAfter.parse("120", now: now)                            // .seconds(120)
/// RetryAfter.parse("Thu, 01 Oct 2026 00:00:42 GMT", now: now)  // until then, never negative
/// RetryAfter.parse("inf", now: now)                            // nil
/// ```
package enum RetryAfter {
    /// The longest wait a `Retry-After` is read as: larger values (however many digits) are
    /// clamped to it. The retry policy then refuses anything above its `maxRetryAfter` (180 s).
    package static let maximum = Duration.seconds(86_400)

    /// The wait the header asks for, clamped to `0...maximum`; `nil` when it is not one of the two forms.
    package static func parse(_ text: String, now: Date) -> Duration? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if !value.isEmpty, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            // Saturate instead of overflowing: twenty digits are already far past the maximum.
            let seconds = value.utf8.count > 9 ? Int64.max : Int64(value) ?? Int64.max
            return min(.seconds(seconds), maximum)
        }
        guard let date = httpDate(value) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds > 0 else { return .zero }
        return seconds >= maximum.timeInterval ? maximum : .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must also accept.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.replacingOccurrences(of: "  ", with: " ")) { return date }
        }
        return nil
    }
}
