import Foundation
import PartnerAuditCore
import Warehouse

/// AT-1 and AT-2: the evidence itself.
package enum AuditTrailRules {
    package static let all: [any Rule] = [CoverageGap(), BrokenChain()]

    /// The most recent stretch that is still expected to be unextracted (the lag, a run in progress).
    package static let recentTolerance = TimeSpan.hours(2)

    /// The parts of `window` that no complete extraction window covers.
    package static func gaps(in window: TimeWindow, coverage: [CoverageWindow]) -> [TimeWindow] {
        var gaps: [TimeWindow] = []
        var cursor = window.fromMillis
        for covered in coverage.filter(\.complete).sorted(by: { $0.fromMillis < $1.fromMillis }) {
            if covered.fromMillis > cursor {
                gaps.append(TimeWindow(fromMillis: cursor, toMillis: min(covered.fromMillis, window.toMillis)))
            }
            cursor = max(cursor, covered.toMillis)
            if cursor >= window.toMillis { break }
        }
        if cursor < window.toMillis { gaps.append(TimeWindow(fromMillis: cursor, toMillis: window.toMillis)) }
        return gaps.filter { !$0.isEmpty }
    }

    /// The windows whose extraction failed that overlap `gap`, oldest first as `coverage` lists them.
    package static func failedWindows(overlapping gap: TimeWindow, in coverage: [CoverageWindow]) -> [CoverageWindow] {
        coverage.filter { !$0.complete && $0.toMillis > gap.fromMillis && $0.fromMillis < gap.toMillis }
    }

    /// AT-1: part of the audited stretch (`EvaluationContext.audited`) was never extracted, or its window failed.
    struct CoverageGap: Rule {
        let id = "AT-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let judged = context.audited
            guard !judged.isEmpty else { return [] }
            return AuditTrailRules.gaps(in: judged, coverage: context.facts.coverage).map { gap in
                let failed = AuditTrailRules.failedWindows(overlapping: gap, in: context.facts.coverage)
                let reason = failed.isEmpty
                    ? "was never extracted"
                    : "was attempted but its extraction failed (\(failed.count) window\(failed.count == 1 ? "" : "s"); last error: \(failed.last?.error ?? "unknown"))"
                let hours = gap.duration.count(of: .hour)
                return RuleHit(client: nil, subject: "\(Timestamp.format(milliseconds: gap.fromMillis))/\(Timestamp.format(milliseconds: gap.toMillis))",
                    severity: .high,
                    detail: "The audit log from \(Timestamp.format(milliseconds: gap.fromMillis)) to \(Timestamp.format(milliseconds: gap.toMillis)) (\(String(format: "%.1f", hours)) hours) \(reason): there is no evidence for that time.",
                    evidence: Evidence(counts: ["gapMinutes": gap.duration.whole(.minute), "failedWindows": failed.count]))
            }
        }
    }

    /// AT-2: the warehouse's hash chain does not verify.
    struct BrokenChain: Rule {
        let id = "AT-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            guard let problem = context.facts.chain.firstBreak else { return [] }
            return [RuleHit(client: nil, severity: .critical,
                detail: "The warehouse's hash chain does not verify: \(problem). Events after that point cannot be trusted as evidence.",
                evidence: Evidence(counts: ["verifiedRows": Int(context.facts.chain.rows)]))]
        }
    }
}

