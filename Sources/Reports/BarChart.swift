import PartnerAuditCore
import Warehouse

/// Inline SVG charts as numbers: the view model computes every coordinate, the template
/// only prints them into `<rect>` and `<text>` elements.
struct BarChart: Sendable {
    struct Bar: Sendable {
        var label: String
        var value: String
        var cssClass: String
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var labelX: Int
        var labelY: Int
        var valueX: Int
        var tooltip: String
    }

    var width: Int
    var height: Int
    var bars: [Bar]
    var summary: String

    /// Horizontal bars, one per severity, scaled to the largest count.
    static func severities(_ counts: [(severity: Severity, count: Int)]) -> BarChart {
        let (labelWidth, barMax, row, top) = (90, 330, 30, 6)
        let largest = max(counts.map(\.count).max() ?? 0, 1)
        let bars = counts.enumerated().map { index, item in
            let length = item.count == 0 ? 0 : max(2, item.count * barMax / largest)
            let y = top + index * row
            return Bar(label: item.severity.rawValue, value: DisplayText.count(item.count), cssClass: "sev-\(item.severity.rawValue)",
                       x: labelWidth, y: y, width: length, height: row - 10, labelX: labelWidth - 8, labelY: y + (row - 10) / 2 + 5,
                       valueX: labelWidth + length + 6, tooltip: "\(item.severity.rawValue): \(DisplayText.plural(item.count, "open finding"))")
        }
        let total = counts.reduce(0) { $0 + $1.count }
        return BarChart(width: labelWidth + barMax + 60, height: top * 2 + counts.count * row - 4, bars: bars,
                        summary: "Open findings at the end of the period by severity: \(DisplayText.count(total)) in all.")
    }
}
