/// A calendar bucket of UTC time that rules and reports count events in, named by the leading
/// characters of the canonical timestamp (`2026-09-30T14` is an hour, `2026-09-30` a day,
/// `2026-09` a month), so the warehouse groups by a prefix of the stored text.
package enum TimeBucket: Sendable, Hashable {
    case hour, day, month

    /// How many leading characters of a canonical timestamp name the bucket.
    package var labelLength: Int {
        switch self {
        case .hour: 13
        case .day: 10
        case .month: 7
        }
    }

    /// The label of the bucket holding `instant`.
    package func label(of instant: Int64) -> String {
        String(Timestamp.format(milliseconds: instant).prefix(labelLength))
    }

    /// The time a label names; `nil` for text that is not one of this bucket's labels.
    package func window(labelled label: String) -> TimeWindow? {
        guard label.utf8.count == labelLength else { return nil }
        switch self {
        case .hour:
            guard let start = Timestamp.parseMilliseconds(label + ":00:00.000Z") else { return nil }
            return TimeWindow(fromMillis: start, toMillis: start + .hour)
        case .day:
            guard let start = Timestamp.parseMilliseconds(label + "T00:00:00.000Z") else { return nil }
            return TimeWindow(fromMillis: start, toMillis: start + .day)
        case .month:
            guard let start = Timestamp.parseMilliseconds(label + "-01T00:00:00.000Z") else { return nil }
            let (year, month, _) = Timestamp.civil(fromDays: start / TimeSpan.day.milliseconds)
            let next = month == 12 ? (year + 1, Int64(1)) : (year, month + 1)
            let end = Timestamp.days(fromCivil: next.0, next.1, 1) * TimeSpan.day.milliseconds
            return TimeWindow(fromMillis: start, toMillis: end)
        }
    }

    /// The labels of every bucket `window` touches, oldest first.
    package func labels(touching window: TimeWindow) -> [String] {
        var labels: [String] = []
        var cursor = window.fromMillis
        while cursor < window.toMillis, let bucket = self.window(labelled: label(of: cursor)) {
            labels.append(label(of: cursor))
            cursor = bucket.toMillis
        }
        return labels
    }
}
