import PartnerAuditCore
import Foundation

/// A day of the week, Monday first, as change windows name it.
package enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Reads a full (`saturday`) or three-letter (`sat`) name, in any case.
    package init?(name: String) {
        let lowered = name.lowercased()
        guard let day = Self.allCases.first(where: { "\($0)" == lowered || "\($0)".prefix(3) == lowered }) else {
            return nil
        }
        self = day
    }

    /// The weekday of a moment, in UTC.
    package init(of date: Date) {
        let days = Int((date.timeIntervalSince1970 / TimeSpan.day.seconds).rounded(.down))
        // 1970-01-01 was a Thursday (index 3, counting Monday as 0).
        let index = ((days + 3) % 7 + 7) % 7
        self = Self(rawValue: index) ?? .monday
    }

    package static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
