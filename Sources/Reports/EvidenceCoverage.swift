import Foundation
import PartnerAuditCore
import Rules
import Warehouse

/// Which parts of the period were extracted, the gaps, and the hash chain's verdict.
struct EvidenceCoverage: Sendable {
    /// Every extraction window overlapping the period, oldest first.
    var windows: [CoverageWindow]
    /// Complete windows merged into contiguous spans, clipped to the period.
    var spans: [TimeWindow]
    /// The parts of the judged stretch no complete window covers.
    var gaps: [Gap]
    /// The stretch judged for gaps: the period, up to the generation moment (less the extraction lag tolerance) if it is still running.
    var judged: TimeWindow
    /// Events stored for the period (by event time).
    var eventsInPeriod: Int
    var chain: ChainVerification
    /// The chain row and hash the last window of the period recorded: what seals its evidence.
    var seal: ChainMark?
    /// The gateway access-log files whose requests fall in the period (or that stored none), by path.
    var gatewayFiles: [GatewayFileState] = []

    /// A stretch without evidence, and whether an extraction of it was attempted.
    struct Gap: Sendable, Hashable {
        var window: TimeWindow
        var failedWindows: Int
        var lastError: String?
    }

    /// The most recent stretch that is still expected to be unextracted; the AT-1 rule's tolerance.
    static var recentTolerance: TimeSpan { AuditTrailRules.recentTolerance }

    /// The parts of `window` that no complete extraction window covers, exactly as the AT-1 rule computes them.
    static func gaps(in window: TimeWindow, coverage: [CoverageWindow]) -> [TimeWindow] {
        AuditTrailRules.gaps(in: window, coverage: coverage)
    }

    /// Complete windows merged where they touch or overlap, clipped to `window`.
    static func spans(in window: TimeWindow, coverage: [CoverageWindow]) -> [TimeWindow] {
        var spans: [TimeWindow] = []
        for covered in coverage.filter(\.complete).sorted(by: { $0.fromMillis < $1.fromMillis }) {
            let clipped = TimeWindow(fromMillis: max(covered.fromMillis, window.fromMillis), toMillis: min(covered.toMillis, window.toMillis))
            guard !clipped.isEmpty else { continue }
            if let last = spans.last, clipped.fromMillis <= last.toMillis {
                spans[spans.count - 1].toMillis = max(last.toMillis, clipped.toMillis)
            } else {
                spans.append(clipped)
            }
        }
        return spans
    }

    /// Reads the coverage of `period`, judging gaps up to the generation moment (less the lag tolerance).
    static func load(from warehouse: Warehouse, period: TimeWindow, generatedAt: Int64, eventsInPeriod: Int, chain: ChainVerification) async throws -> EvidenceCoverage {
        let windows = try await warehouse.coverage(of: period)
        let judgedEnd = period.toMillis <= generatedAt - recentTolerance ? period.toMillis : min(period.toMillis, generatedAt - recentTolerance)
        let judged = TimeWindow(fromMillis: period.fromMillis, toMillis: max(period.fromMillis, judgedEnd))
        let gaps = Self.gaps(in: judged, coverage: windows).map { gap in
            let failed = AuditTrailRules.failedWindows(overlapping: gap, in: windows)
            return Gap(window: gap, failedWindows: failed.count, lastError: failed.last?.error)
        }
        let gatewayFiles = try await warehouse.gatewayFiles().filter { file in
            guard let first = file.firstRequest, let last = file.lastRequest else { return true }
            return first < period.toMillis && last >= period.fromMillis
        }
        return EvidenceCoverage(
            windows: windows, spans: spans(in: period, coverage: windows), gaps: gaps, judged: judged, eventsInPeriod: eventsInPeriod,
            chain: chain, seal: try await warehouse.chainMark(sealing: period), gatewayFiles: gatewayFiles)
    }
}
