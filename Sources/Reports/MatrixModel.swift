import PartnerAuditCore

/// Section 2: one framework's control matrix.
struct MatrixModel {
    struct Link {
        var href: String
        var text: String
        var cssClass: String
    }

    struct Row {
        var id: String
        var name: String
        var status: String
        var statusClass: String
        var rules: String
        var reasons: [String]
        var links: [Link]
        var note: String?
    }

    var id: String
    var title: String
    var counts: String
    var rows: [Row]

    init(_ matrix: ControlMatrix, findings: [PeriodFinding]) {
        id = "controls-\(matrix.framework.rawValue)"
        title = matrix.framework.title
        rows = matrix.controls.map { status in
            let links = status.groups.map {
                Link(href: "#" + ReportViewModel.groupAnchor(severity: $0.severity, ruleID: $0.ruleID),
                     text: "\($0.ruleID) \($0.severity.rawValue) × \(DisplayText.count($0.count))", cssClass: "sev-\($0.severity.rawValue)")
            }
            return Row(id: status.control.id, name: status.control.name, status: status.status.title, statusClass: status.status.rawValue,
                       rules: status.ruleIDs.joined(separator: ", "), reasons: status.reasons, links: links,
                       note: status.waived == 0 ? nil : "\(DisplayText.count(status.waived)) of them waived")
        }
        let by = { (s: ControlStatus.Status) in matrix.controls.filter { $0.status == s }.count }
        counts = "\(DisplayText.plural(matrix.controls.count, "control")): \(DisplayText.count(by(.exceptionsFound))) with exceptions, \(DisplayText.count(by(.notTestable))) not testable, \(DisplayText.count(by(.noExceptions))) without exceptions."
    }
}
