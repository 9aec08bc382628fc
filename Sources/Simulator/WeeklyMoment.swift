import PartnerAuditCore

/// Calendar arithmetic for moments that recur weekly (change windows), in UTC.
enum WeeklyMoment {
    static let day = TimeSpan.day.milliseconds

    /// The most recent `weekday` (0 = Sunday … 6 = Saturday) at `hour:minute` UTC at least `days` before `start` (ms).
    static func mostRecent(weekday: Int, hour: Int64, minute: Int64, atLeastDaysBefore days: Int64, start: Int64) -> Int64 {
        let limit = start - days * day
        var dayNumber = floorDivide(limit, day)
        while true {
            let candidate = dayNumber * day + (hour * 60 + minute) * 60_000
            if self.weekday(ofDay: dayNumber) == weekday, candidate <= limit { return candidate }
            dayNumber -= 1
        }
    }

    /// The weekday (0 = Sunday) of a moment in milliseconds since 1970.
    static func weekday(of moment: Int64) -> Int {
        weekday(ofDay: floorDivide(moment, day))
    }

    private static func weekday(ofDay dayNumber: Int64) -> Int {
        Int(((dayNumber + 4) % 7 + 7) % 7)  // 1970-01-01 was a Thursday
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
