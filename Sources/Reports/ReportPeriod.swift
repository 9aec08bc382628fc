import Foundation
import PartnerAuditCore

/// The stretch of time an evidence pack covers, and the name its folder takes.
///
/// Periods are whole UTC days, half-open: `2026-Q3` is `[2026-07-01T00:00Z, 2026-10-01T00:00Z)`.
/// ```swift
/// try ReportPeriod.parse("2026-Q3")        // a quarter
/// try ReportPeriod.parse("2026-09")        // a month
/// try ReportPeriod.parse("2026-09-30")     // a day
/// try ReportPeriod.between("2026-07-01", and: "2026-08-15")   // --from/--to, both days included
/// ```
package struct ReportPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The folder name and the label reports show: `2026-Q3`, `2026-09`, `2026-09-30`, `2026-07-01_2026-08-15`.
    package var name: String
    package var window: TimeWindow

    package init(name: String, window: TimeWindow) {
        self.name = name
        self.window = window
    }

    package var description: String { "\(name) \(window)" }

    /// The first moment of the period, canonical text.
    package var fromText: String { Timestamp.format(milliseconds: window.fromMillis) }
    /// The first moment after the period, canonical text.
    package var toText: String { Timestamp.format(milliseconds: window.toMillis) }
    /// The last day the period includes, `YYYY-MM-DD`.
    package var lastDay: String { String(Timestamp.format(milliseconds: window.toMillis - 1).prefix(10)) }
    /// The first day the period includes, `YYYY-MM-DD`.
    package var firstDay: String { String(fromText.prefix(10)) }

    private static let day = TimeSpan.day.milliseconds
    /// The longest period `between(_:and:)` accepts: ten years.
    package static let maximumDays: Int64 = 3_660

    // MARK: - Parsing

    /// Parses `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`; anything else (`2026-Q5`, `2026-13`) is a `ReportPeriodError`.
    package static func parse(_ text: String) throws(ReportPeriodError) -> ReportPeriod {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0].count == 4, let year = number(parts[0]), (1970...9999).contains(year) else {
            throw ReportPeriodError(text: text, reason: "expected YYYY-Qn (2026-Q3), YYYY-MM (2026-09) or YYYY-MM-DD (2026-09-30)")
        }
        if parts.count == 2, parts[1].count == 2, parts[1].first == "Q" {
            guard let quarter = number(String(parts[1].dropFirst())), (1...4).contains(quarter) else {
                throw ReportPeriodError(text: text, reason: "a quarter is Q1 to Q4")
            }
            let start = days(year, (quarter - 1) * 3 + 1, 1)
            let end = quarter == 4 ? days(year + 1, 1, 1) : days(year, quarter * 3 + 1, 1)
            return ReportPeriod(name: text, window: TimeWindow(fromMillis: start * day, toMillis: end * day))
        }
        guard parts[1].count == 2, let month = number(parts[1]), (1...12).contains(month) else {
            throw ReportPeriodError(text: text, reason: "a month is 01 to 12")
        }
        let nextMonth = month == 12 ? days(year + 1, 1, 1) : days(year, month + 1, 1)
        let first = days(year, month, 1)
        if parts.count == 2 {
            return ReportPeriod(name: text, window: TimeWindow(fromMillis: first * day, toMillis: nextMonth * day))
        }
        guard parts.count == 3, parts[2].count == 2, let dayOfMonth = number(parts[2]), dayOfMonth >= 1, dayOfMonth <= nextMonth - first else {
            throw ReportPeriodError(text: text, reason: "not a day of \(parts[0])-\(parts[1])")
        }
        let start = (first + dayOfMonth - 1) * day
        return ReportPeriod(name: text, window: TimeWindow(fromMillis: start, toMillis: start + day))
    }

    /// The days `from` through `to`, both included (`--from 2026-07-01 --to 2026-08-15`).
    package static func between(_ from: String, and to: String) throws(ReportPeriodError) -> ReportPeriod {
        let first = try dayPeriod(from, option: "--from")
        let last = try dayPeriod(to, option: "--to")
        guard first.window.fromMillis <= last.window.fromMillis else {
            throw ReportPeriodError(text: "\(from) … \(to)", reason: "--to is before --from")
        }
        guard last.window.toMillis - first.window.fromMillis <= maximumDays * day else {
            throw ReportPeriodError(text: "\(from) … \(to)", reason: "a period is at most \(maximumDays) days")
        }
        return ReportPeriod(name: "\(first.name)_\(last.name)", window: TimeWindow(fromMillis: first.window.fromMillis, toMillis: last.window.toMillis))
    }

    /// The UTC day that contains `moment`.
    package static func day(containing moment: Date) -> ReportPeriod {
        let start = Timestamp.milliseconds(moment) / day * day
        return ReportPeriod(name: String(Timestamp.format(milliseconds: start).prefix(10)), window: TimeWindow(fromMillis: start, toMillis: start + day))
    }

    /// The nightly pack's period: the last whole UTC day before `moment` (run at 02:00 on
    /// 2026-10-01, it is `2026-09-30`), so the day is over and extracted when the pack is made.
    package static func rollingDay(endingAt moment: Date) -> ReportPeriod {
        day(containing: Timestamp.date(milliseconds: Timestamp.milliseconds(moment) / day * day - day))
    }

    /// The value of a run of ASCII digits; `nil` for anything else (`+5`, ` 5`, ``).
    private static func number(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }

    /// Days since 1970 of a civil date (the month may be 13: January of the next year).
    private static func days(_ year: Int64, _ month: Int64, _ dayOfMonth: Int64) -> Int64 {
        let (y, m) = month > 12 ? (year + 1, month - 12) : (year, month)
        let text = String(format: "%04lld-%02lld-%02lldT00:00:00Z", y, m, dayOfMonth)
        return (Timestamp.parseMilliseconds(text) ?? 0) / day
    }

    private static func dayPeriod(_ text: String, option: String) throws(ReportPeriodError) -> ReportPeriod {
        guard text.count == 10, let period = try? parse(text) else {
            throw ReportPeriodError(text: text, reason: "\(option) takes a day, YYYY-MM-DD")
        }
        return period
    }
}
