import PartnerAuditCore

/// Section 1: counts and the two charts.
struct SummaryModel {
    struct SeverityRow {
        var name: String
        var cssClass: String
        var total: String
        var open: String
        var waived: String
        var resolved: String
    }

    struct CategoryRow {
        var name: String
        var cells: [String]
        var total: String
    }

    var total: String
    var new: String
    var stillOpen: String
    var resolved: String
    var waived: String
    var severityRows: [SeverityRow]
    var severityNames: [String]
    var categoryRows: [CategoryRow]
    var severityChart: BarChart
    var timeline: TimelineChart
    var eventsTotal: String
    var denialsTotal: String

    init(_ content: PackContent) {
        let summary = content.summary
        total = DisplayText.count(summary.total)
        new = DisplayText.count(summary.new)
        stillOpen = DisplayText.count(summary.stillOpen)
        resolved = DisplayText.count(summary.resolved)
        waived = DisplayText.count(summary.waived)
        severityRows = summary.severities.map {
            SeverityRow(name: $0.severity.rawValue, cssClass: "sev-\($0.severity.rawValue)", total: DisplayText.count($0.total),
                        open: DisplayText.count($0.openAtEnd), waived: DisplayText.count($0.waived), resolved: DisplayText.count($0.resolved))
        }
        severityNames = Severity.allCases.reversed().map(\.rawValue)
        categoryRows = summary.categories.map { CategoryRow(name: $0.category.rawValue, cells: $0.bySeverity.map { $0 == 0 ? "·" : DisplayText.count($0) }, total: DisplayText.count($0.total)) }
        severityChart = BarChart.severities(summary.severities.map { ($0.severity, $0.openAtEnd) })
        timeline = TimelineChart(content.activity, byMonth: content.activityByMonth, period: content.request.period.window,
                                 gaps: content.coverage.gaps.map(\.window), asOf: content.asOf)
        eventsTotal = DisplayText.count(content.activity.reduce(0) { $0 + $1.events })
        denialsTotal = DisplayText.count(content.activity.reduce(0) { $0 + $1.denials })
    }
}
