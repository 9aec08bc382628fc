import PartnerAuditCore

/// Section 6: extraction windows, gaps, the hash chain and retention.
struct CoverageModel {
    struct Span {
        var from: String
        var to: String
        var duration: String
    }

    struct Gap {
        var from: String
        var to: String
        var duration: String
        var reason: String
    }

    struct Window {
        var from: String
        var to: String
        var status: String
        var statusClass: String
        var events: String
        var finishedAt: String
        var error: String?
    }

    /// A gateway access-log file: the hours its requests cover, what was read, and the first bad lines.
    struct GatewayFile {
        var path: String
        var identity: String
        var from: String
        var to: String
        var read: String
        var stored: String
        var rejected: String
        var rejectedClass: String
        var rejections: [String]
    }

    /// More windows than this are summarised as spans; report.xml lists every one.
    static let windowLimit = 120

    var judged: String
    var windowCount: String
    var failedCount: String
    var eventsInPeriod: String
    var spans: [Span]
    var gaps: [Gap]
    var noGaps: Bool
    var windows: [Window]
    var windowsNote: String?
    var chainIntact: Bool
    var chainRows: String
    var chainHead: String
    /// The row ledger's last entry and its hash: the other anchor the pack relies on.
    var ledgerEntries: String
    var ledgerHead: String?
    var firstBreak: String?
    var sealSeq: String?
    var sealHead: String?
    var retention: String
    var gatewayFiles: [GatewayFile]
    var hasGatewayFiles: Bool

    init(_ content: PackContent) {
        let coverage = content.coverage
        judged = "\(DisplayText.time(milliseconds: coverage.judged.fromMillis)) to \(DisplayText.time(milliseconds: coverage.judged.toMillis))"
        windowCount = DisplayText.plural(coverage.windows.count, "extraction window")
        failedCount = DisplayText.count(coverage.windows.filter { !$0.complete }.count)
        eventsInPeriod = DisplayText.count(coverage.eventsInPeriod)
        spans = coverage.spans.map { Span(from: DisplayText.time(milliseconds: $0.fromMillis), to: DisplayText.time(milliseconds: $0.toMillis), duration: DisplayText.duration(milliseconds: $0.durationMillis)) }
        let retentionStart = Timestamp.milliseconds(content.request.generatedAt) - .days(90)
        gaps = coverage.gaps.map { gap in
            let cause = gap.failedWindows == 0 ? "never extracted" : "extraction failed (\(DisplayText.plural(gap.failedWindows, "window")); last error: \(gap.lastError ?? "unknown"))"
            let recovery = gap.window.fromMillis >= retentionStart
                ? "still within the source's 90-day retention: run `partner-audit extract --since \(Timestamp.format(milliseconds: gap.window.fromMillis)) --until \(Timestamp.format(milliseconds: gap.window.toMillis))`"
                : "older than the source's 90-day retention when this pack was made: the gap is permanent and is disclosed as such"
            return Gap(from: DisplayText.time(milliseconds: gap.window.fromMillis), to: DisplayText.time(milliseconds: gap.window.toMillis),
                       duration: DisplayText.duration(milliseconds: gap.window.durationMillis), reason: "\(cause); \(recovery).")
        }
        noGaps = coverage.gaps.isEmpty
        let shown = coverage.windows.count <= Self.windowLimit ? coverage.windows : coverage.windows.filter { !$0.complete }
        windows = shown.map {
            Window(from: DisplayText.time(milliseconds: $0.fromMillis), to: DisplayText.time(milliseconds: $0.toMillis),
                   status: $0.complete ? "complete" : "failed", statusClass: $0.complete ? "ok" : "bad", events: DisplayText.count($0.events),
                   finishedAt: DisplayText.time($0.finishedAt), error: $0.error)
        }
        windowsNote = coverage.windows.count > Self.windowLimit
            ? "\(DisplayText.count(coverage.windows.count)) windows: only the failed ones are listed here; report.xml lists every one."
            : nil
        chainIntact = coverage.chain.isIntact
        chainRows = DisplayText.count(Int(coverage.chain.rows))
        chainHead = coverage.chain.head
        ledgerEntries = DisplayText.count(Int(coverage.chain.ledgerEntries))
        ledgerHead = coverage.chain.ledgerHead.isEmpty ? nil : coverage.chain.ledgerHead
        firstBreak = coverage.chain.firstBreak
        sealSeq = coverage.seal.map { DisplayText.count(Int($0.seq)) }
        sealHead = coverage.seal?.head
        gatewayFiles = coverage.gatewayFiles.map { file in
            GatewayFile(
                path: file.path, identity: String(file.identity.prefix(16)),
                from: file.firstRequest.map { DisplayText.time(milliseconds: Self.hourStart($0)) } ?? "—",
                to: file.lastRequest.map { DisplayText.time(milliseconds: Self.hourStart($0) + TimeSpan.hour.milliseconds) } ?? "—",
                read: DisplayText.count(file.linesRead), stored: DisplayText.count(file.linesStored), rejected: DisplayText.count(file.linesRejected),
                rejectedClass: file.linesRejected == 0 ? "ok" : "bad",
                rejections: file.rejections.map { "line \($0.line): \($0.reason)" })
        }
        hasGatewayFiles = !gatewayFiles.isEmpty
        retention = "The source keeps its audit log for 90 days. A gap younger than that can still be filled by extracting it again; an older one cannot, and stays in every later pack as an AT-1 finding. Events already in the warehouse are kept, append-only, for as long as the warehouse is."
    }

    /// The start of the hour `instant` falls in.
    private static func hourStart(_ instant: Int64) -> Int64 {
        let hour = TimeSpan.hour.milliseconds
        return (instant >= 0 ? instant : instant - hour + 1) / hour * hour
    }
}
