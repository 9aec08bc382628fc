import PartnerAuditCore
import Warehouse

/// The daily timeline: events per day on top, denials per day below, each on its own scale.
struct TimelineChart: Sendable {
    struct Tick: Sendable {
        var x: Int
        var label: String
    }

    /// A shaded stretch of the plot: a gap in the evidence, or time after the evidence ends.
    struct Band: Sendable {
        var x: Int
        var width: Int
        var cssClass: String
        var tooltip: String
    }

    var width: Int
    var height: Int
    var plotLeft: Int
    var plotWidth: Int
    var eventsTop: Int
    var eventsHeight: Int
    var eventsBaseline: Int
    var denialsTop: Int
    var denialsHeight: Int
    var denialsBaseline: Int
    var axisY: Int
    var eventBars: [BarChart.Bar]
    var denialBars: [BarChart.Bar]
    var ticks: [Tick]
    var bands: [Band]
    var bandTop: Int
    var bandHeight: Int
    var eventsMax: String
    var denialsMax: String
    var summary: String
    var unit: String

    /// - Parameters:
    ///   - period: the period the buckets cover, to place the bands.
    ///   - gaps: stretches without evidence, shaded red.
    ///   - asOf: the end of the evidence; what follows it (a period still running) is shaded grey.
    init(_ buckets: [ActivityBucket], byMonth: Bool, period: TimeWindow, gaps: [TimeWindow], asOf: Int64) {
        unit = byMonth ? "month" : "day"
        width = 960
        plotLeft = 70
        plotWidth = width - plotLeft - 10
        eventsTop = 10
        eventsHeight = 130
        eventsBaseline = eventsTop + eventsHeight
        denialsTop = eventsBaseline + 26
        denialsHeight = 60
        denialsBaseline = denialsTop + denialsHeight
        axisY = denialsBaseline + 16
        height = axisY + 8
        let count = max(buckets.count, 1)
        let step = Double(plotWidth) / Double(count)
        let maxEvents = max(buckets.map(\.events).max() ?? 0, 1)
        let maxDenials = max(buckets.map(\.denials).max() ?? 0, 1)
        eventsMax = DisplayText.count(buckets.map(\.events).max() ?? 0)
        denialsMax = DisplayText.count(buckets.map(\.denials).max() ?? 0)
        let barWidth = max(1, Int(step * 0.8))
        var events: [BarChart.Bar] = []
        var denials: [BarChart.Bar] = []
        var ticks: [Tick] = []
        let tickEvery = byMonth ? 1 : (count <= 31 ? 7 : 0)
        for (index, bucket) in buckets.enumerated() {
            let x = plotLeft + Int(Double(index) * step)
            let tooltip = "\(bucket.bucket): \(DisplayText.plural(bucket.events, "event")), \(DisplayText.plural(bucket.denials, "denial"))"
            let eventHeight = bucket.events == 0 ? 0 : max(1, bucket.events * eventsHeight / maxEvents)
            let denialHeight = bucket.denials == 0 ? 0 : max(1, bucket.denials * denialsHeight / maxDenials)
            events.append(.init(label: bucket.bucket, value: DisplayText.count(bucket.events), cssClass: "bar-events", x: x, y: eventsBaseline - eventHeight,
                                width: barWidth, height: eventHeight, labelX: x, labelY: 0, valueX: 0, tooltip: tooltip))
            denials.append(.init(label: bucket.bucket, value: DisplayText.count(bucket.denials), cssClass: "bar-denials", x: x, y: denialsBaseline - denialHeight,
                                 width: barWidth, height: denialHeight, labelX: x, labelY: 0, valueX: 0, tooltip: tooltip))
            // Label the first day of each month (periods over a month), every seventh day (a month or less), or every month.
            let isTick = tickEvery == 0 ? bucket.bucket.hasSuffix("-01") || index == 0 : index % tickEvery == 0
            if isTick { ticks.append(Tick(x: x, label: tickEvery == 0 ? String(bucket.bucket.prefix(7)) : bucket.bucket)) }
        }
        eventBars = events
        denialBars = denials
        self.ticks = ticks
        bandTop = eventsTop
        bandHeight = denialsBaseline - eventsTop
        let (left, span, plotWidth) = (plotLeft, max(period.durationMillis, 1), plotWidth)
        func band(_ window: TimeWindow, _ cssClass: String, _ tooltip: String) -> Band {
            let from = left + Int(Double(window.fromMillis - period.fromMillis) / Double(span) * Double(plotWidth))
            let to = left + Int(Double(window.toMillis - period.fromMillis) / Double(span) * Double(plotWidth))
            return Band(x: from, width: max(2, to - from), cssClass: cssClass, tooltip: tooltip)
        }
        var bands = gaps.map { band($0, "band-gap", "gap in the evidence: \(DisplayText.time(milliseconds: $0.fromMillis)) to \(DisplayText.time(milliseconds: $0.toMillis))") }
        if asOf < period.toMillis {
            bands.append(band(TimeWindow(fromMillis: asOf, toMillis: period.toMillis), "band-future", "after the end of the evidence (\(DisplayText.time(milliseconds: asOf)))"))
        }
        self.bands = bands
        let totalEvents = buckets.reduce(0) { $0 + $1.events }
        let totalDenials = buckets.reduce(0) { $0 + $1.denials }
        summary = "Audit events and denials per \(unit): \(DisplayText.plural(totalEvents, "event")) and \(DisplayText.plural(totalDenials, "denial")) over \(DisplayText.plural(buckets.count, unit))."
    }
}
