import PartnerAuditCore

/// A finding with what happened to it during the period.
struct PeriodFinding: Sendable, Hashable {
    var finding: Finding
    var change: PeriodChange
    /// Where it stood when the period ended: `resolved` if resolved before the end, else its stored status.
    var statusAtEnd: FindingStatus
}
