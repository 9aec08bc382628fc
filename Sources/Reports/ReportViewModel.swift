import Foundation
import PartnerAuditCore
import Rules

/// What report.html prints, already decided: every label, count, link and chart coordinate.
///
/// The templates only loop over these values and print them (escaped); no template makes a
/// decision of its own. Source text (client names, descriptions, redirect URIs, user agents,
/// change values) passes through as plain strings, and Mustache's HTML escaping is always on.
struct ReportViewModel {
    struct Section {
        var id: String
        var number: Int
        var title: String
    }

    // MARK: Cover
    var title: String
    var organization: String
    var periodName: String
    var periodRange: String
    var frameworks: [String]
    var generatedAt: String
    var toolName = ToolInfo.name
    var toolVersion = ToolInfo.version
    var fingerprint: String
    var asOf: String
    var inProgressNote: String?
    var sections: [Section]
    var headline: String

    // MARK: Sections
    var summary: SummaryModel
    var matrices: [MatrixModel]
    var findings: FindingsModel
    var inventory: InventoryModel
    var changes: ChangesModel
    var coverage: CoverageModel
    var method: MethodModel

    init(_ content: PackContent, fingerprint: String, shownPerGroup: Int) {
        let request = content.request
        let period = request.period
        organization = request.organization
        periodName = period.name
        title = "Evidence pack: \(request.organization), \(period.name)"
        periodRange = "\(period.firstDay) to \(period.lastDay) inclusive (UTC)"
        frameworks = request.frameworks.map(\.title)
        generatedAt = DisplayText.time(Timestamp.format(request.generatedAt))
        self.fingerprint = fingerprint
        asOf = DisplayText.time(content.asOfText)
        inProgressNote = content.inProgress
            ? "The period had not ended when this pack was made: the evidence runs to \(DisplayText.time(content.asOfText)); a pack made after the period ends will cover the rest."
            : nil
        let summary = content.summary
        let openHigh = summary.severities.filter { $0.severity >= .high }.reduce(0) { $0 + $1.openAtEnd }
        headline = "\(DisplayText.plural(summary.total, "finding")) in the period, \(DisplayText.count(openHigh)) of them critical or high and open at its end; \(DisplayText.plural(content.coverage.gaps.count, "gap")) in the evidence; hash chain \(content.coverage.chain.isIntact ? "verified" : "BROKEN")."
        sections = [
            Section(id: "summary", number: 1, title: "Summary"),
            Section(id: "controls", number: 2, title: "Control matrix"),
            Section(id: "findings", number: 3, title: "Findings"),
            Section(id: "inventory", number: 4, title: "Partner application inventory"),
            Section(id: "changes", number: 5, title: "OAuth client changes"),
            Section(id: "coverage", number: 6, title: "Evidence coverage and integrity"),
            Section(id: "method", number: 7, title: "Method"),
        ]
        self.summary = SummaryModel(content)
        matrices = content.controlMatrices.map { MatrixModel($0, findings: content.findings) }
        findings = FindingsModel(content.findings, shownPerGroup: shownPerGroup)
        inventory = InventoryModel(content.inventory)
        changes = ChangesModel(content.changes)
        coverage = CoverageModel(content)
        method = MethodModel(content.method)
    }

    /// The anchor of a group of findings of one severity and rule.
    static func groupAnchor(severity: Severity, ruleID: String) -> String {
        "g-\(severity.rawValue)-\(ruleID)"
    }

    /// The anchor of one finding.
    static func findingAnchor(_ fingerprint: String) -> String {
        "f-\(fingerprint)"
    }
}
