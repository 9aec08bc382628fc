import PartnerAuditCore

/// Counts of the period's findings.
struct FindingSummary: Sendable, Hashable {
    struct SeverityCount: Sendable, Hashable {
        var severity: Severity
        var total: Int
        /// Open (not waived, not resolved) when the period ended.
        var openAtEnd: Int
        var waived: Int
        var resolved: Int
    }

    struct CategoryCount: Sendable, Hashable {
        var category: FindingCategory
        /// Per severity, most severe first.
        var bySeverity: [Int]
        var total: Int
    }

    /// Most severe first, every severity present.
    var severities: [SeverityCount]
    /// Catalog order, every category present.
    var categories: [CategoryCount]
    var total: Int
    /// Since the start of the period (the previous pack of the same cadence ended there).
    var new: Int
    var stillOpen: Int
    var resolved: Int
    var waived: Int

    init(_ findings: [PeriodFinding]) {
        severities = Severity.allCases.reversed().map { severity in
            let of = findings.filter { $0.finding.severity == severity }
            return SeverityCount(severity: severity, total: of.count, openAtEnd: of.filter { $0.statusAtEnd == .open }.count,
                                 waived: of.filter { $0.statusAtEnd == .waived }.count, resolved: of.filter { $0.statusAtEnd == .resolved }.count)
        }
        categories = FindingCategory.allCases.map { category in
            let of = findings.filter { $0.finding.category == category }
            return CategoryCount(category: category, bySeverity: Severity.allCases.reversed().map { severity in of.filter { $0.finding.severity == severity }.count }, total: of.count)
        }
        total = findings.count
        new = findings.filter { $0.change == .new }.count
        stillOpen = findings.filter { $0.change == .stillOpen }.count
        resolved = findings.filter { $0.change == .resolved }.count
        waived = findings.filter { $0.statusAtEnd == .waived }.count
    }
}
