import PartnerAuditCore
import Rules

/// Section 3: findings grouped by severity, then rule; the first N of each group in full.
struct FindingsModel {
    struct SeverityGroup {
        var name: String
        var cssClass: String
        var count: String
        var rules: [RuleGroup]
    }

    struct RuleGroup {
        var anchor: String
        var ruleID: String
        var ruleTitle: String
        var count: String
        var shown: [FindingCard]
        /// Set when findings were left out of the page: says how many and where they are.
        var hiddenNote: String?
    }

    var severities: [SeverityGroup]
    var none: Bool
    var shownPerGroup: String

    init(_ findings: [PeriodFinding], shownPerGroup: Int) {
        none = findings.isEmpty
        self.shownPerGroup = DisplayText.count(shownPerGroup)
        var groups: [SeverityGroup] = []
        for severity in Severity.allCases.reversed() {
            let ofSeverity = findings.filter { $0.finding.severity == severity }
            guard !ofSeverity.isEmpty else { continue }
            var rules: [RuleGroup] = []
            var index = 0
            while index < ofSeverity.count {
                let ruleID = ofSeverity[index].finding.ruleID
                var end = index
                while end < ofSeverity.count, ofSeverity[end].finding.ruleID == ruleID { end += 1 }
                let group = Array(ofSeverity[index..<end])
                rules.append(Self.ruleGroup(group, severity: severity, ruleID: ruleID, shown: shownPerGroup))
                index = end
            }
            groups.append(SeverityGroup(name: severity.rawValue, cssClass: "sev-\(severity.rawValue)", count: DisplayText.count(ofSeverity.count), rules: rules))
        }
        severities = groups
    }

    private static func ruleGroup(_ group: [PeriodFinding], severity: Severity, ruleID: String, shown: Int) -> RuleGroup {
        var note: String?
        if group.count > shown {
            let hidden = group.dropFirst(shown)
            let byStatus = FindingStatus.allCases.compactMap { status -> String? in
                let count = hidden.filter { $0.statusAtEnd == status }.count
                return count == 0 ? nil : "\(DisplayText.count(count)) \(status.rawValue)"
            }
            let clients = Set(hidden.flatMap { entry in
                entry.finding.isOrganizationWide ? entry.finding.evidence.affectedClients.map(\.id) : [entry.finding.clientID]
            }).count
            note = "Showing the first \(DisplayText.count(shown)) of \(DisplayText.count(group.count)). The other \(DisplayText.count(hidden.count)) (\(byStatus.joined(separator: ", ")) at the end of the period; \(DisplayText.plural(clients, "client"))) are listed with every field in findings.csv and findings.json."
        }
        return RuleGroup(anchor: ReportViewModel.groupAnchor(severity: severity, ruleID: ruleID), ruleID: ruleID,
                         ruleTitle: RuleCatalog.definition(ruleID)?.title ?? group.first?.finding.title ?? ruleID,
                         count: DisplayText.count(group.count), shown: group.prefix(shown).map(FindingCard.init), hiddenNote: note)
    }
}
