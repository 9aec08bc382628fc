import PartnerAuditCore
import Foundation

/// A weekly period in which grant changes are expected (CM-1), in UTC.
///
/// `from` is inclusive and `to` exclusive. A window whose `to` is not after its `from`
/// runs past midnight into the next day (`friday 22:00–02:00` ends on Saturday at 02:00);
/// `to` may be `24:00`.
package struct ChangeWindow: Sendable, Equatable, CustomStringConvertible {
    package var weekday: Weekday
    /// Minutes after midnight UTC at which the window opens, 0–1439.
    package var fromMinute: Int
    /// Minutes after midnight UTC at which the window closes, 0–1440.
    package var toMinute: Int
    /// Where the window was declared, for messages.
    package var line: Int?

    package init(weekday: Weekday, fromMinute: Int, toMinute: Int, line: Int? = nil) {
        self.weekday = weekday
        self.fromMinute = fromMinute
        self.toMinute = toMinute
        self.line = line
    }

    /// Whether the moment falls inside the window.
    package func contains(_ date: Date) -> Bool {
        let week = TimeSpan.days(7).seconds
        let start = (TimeSpan.days(weekday.rawValue) + .minutes(fromMinute)).seconds
        var length = TimeSpan.minutes(toMinute - fromMinute).seconds
        if length <= 0 { length += TimeSpan.day.seconds }
        // Seconds since Monday 00:00 UTC: 1970-01-05 was a Monday.
        let sinceMonday = (date.timeIntervalSince1970 - TimeSpan.days(4).seconds).truncatingRemainder(dividingBy: week)
        let offset = ((sinceMonday < 0 ? sinceMonday + week : sinceMonday) - start + week)
            .truncatingRemainder(dividingBy: week)
        return offset < length
    }

    /// `saturday 02:00–06:00`.
    package var description: String {
        func clock(_ minutes: Int) -> String {
            let hours = minutes / 60, rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(weekday) \(clock(fromMinute))–\(clock(toMinute))"
    }
}
