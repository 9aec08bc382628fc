/// A length of time in whole milliseconds: the one unit the warehouse, the rules and the
/// reports count days, hours and minutes in.
package struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var milliseconds: Int64

    package init(milliseconds: Int64) { self.milliseconds = milliseconds }

    package static let second = TimeSpan(milliseconds: 1000)
    package static let minute = TimeSpan(milliseconds: 60_000)
    package static let hour = TimeSpan(milliseconds: 3_600_000)
    package static let day = TimeSpan(milliseconds: 86_400_000)

    package static func seconds(_ count: Int) -> TimeSpan { second * count }
    package static func minutes(_ count: Int) -> TimeSpan { minute * count }
    package static func hours(_ count: Int) -> TimeSpan { hour * count }
    package static func days(_ count: Int) -> TimeSpan { day * count }

    package static func * (span: TimeSpan, count: Int) -> TimeSpan { TimeSpan(milliseconds: span.milliseconds * Int64(count)) }
    package static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(milliseconds: lhs.milliseconds + rhs.milliseconds) }
    package static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// How many whole `unit`s fit (rounded toward zero).
    package func whole(_ unit: TimeSpan) -> Int { Int(milliseconds / unit.milliseconds) }
    /// How many `unit`s, with the fraction.
    package func count(of unit: TimeSpan) -> Double { Double(milliseconds) / Double(unit.milliseconds) }

    /// In seconds, as Foundation's `TimeInterval` counts them.
    package var seconds: Double { Double(milliseconds) / 1000 }

    /// As a Swift `Duration`, for clocks and sleeps.
    package var duration: Duration { .milliseconds(milliseconds) }

    package var description: String { "\(milliseconds) ms" }
}

/// An instant (milliseconds since 1970) moved by a span.
package func + (instant: Int64, span: TimeSpan) -> Int64 { instant + span.milliseconds }
package func - (instant: Int64, span: TimeSpan) -> Int64 { instant - span.milliseconds }
