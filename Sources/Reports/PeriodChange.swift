import PartnerAuditCore

/// What a finding did during the period, read from its lifecycle dates.
enum PeriodChange: String, Sendable, Hashable, CaseIterable {
    /// First seen during the period and not resolved in it.
    case new
    /// First seen before the period and not resolved in it.
    case stillOpen = "still-open"
    /// Resolved during the period.
    case resolved

    /// Classifies a finding against `[start, end)`.
    init(_ finding: Finding, period: TimeWindow) {
        let (start, end) = (Timestamp.format(milliseconds: period.fromMillis), Timestamp.format(milliseconds: period.toMillis))
        if let resolved = finding.resolvedAt, resolved >= start, resolved < end {
            self = .resolved
        } else if finding.firstSeen >= start {
            self = .new
        } else {
            self = .stillOpen
        }
    }
}
