import PartnerAuditCore

/// How report.html writes numbers, times and durations: the same text on every machine
/// (no locale), readable by people.
enum DisplayText {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// `2026-09-30T23:59:59.123Z` → `2026-09-30 23:59:59 UTC`; other text as it is.
    static func time(_ canonical: String) -> String {
        guard canonical.count >= 19, Timestamp.parseMilliseconds(canonical) != nil else { return canonical }
        return canonical.prefix(10) + " " + canonical.dropFirst(11).prefix(8) + " UTC"
    }

    static func time(milliseconds: Int64) -> String {
        time(Timestamp.format(milliseconds: milliseconds))
    }

    /// `2026-09-30T23:59:59.123Z` → `2026-09-30`.
    static func day(_ canonical: String) -> String {
        String(canonical.prefix(10))
    }

    /// A length of time in the largest sensible unit: `45 minutes`, `6.5 hours`, `3.2 days`.
    static func duration(milliseconds: Int64) -> String {
        let minutes = Double(milliseconds) / 60_000
        if minutes < 90 { return "\(Int(minutes.rounded())) minutes" }
        let hours = minutes / 60
        if hours < 48 { return oneDecimal(hours) + " hours" }
        return oneDecimal(hours / 24) + " days"
    }

    /// One decimal place, without a trailing `.0`.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// `1` → `1 finding`, `2` → `2 findings`.
    static func plural(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count(value)) \(value == 1 ? singular : plural ?? singular + "s")"
    }
}
