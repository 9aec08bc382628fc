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

    /// The complete windows overlapping `judged` that left events out because they could not be
    /// read, unless a later complete window that left nothing out read the same time again.
    package static func windowsLeavingOut(_ judged: TimeWindow, in coverage: [CoverageWindow]) -> [CoverageWindow] {
        let complete = coverage.filter(\.complete)
        return complete.filter { window in
            guard !window.rejected.isEmpty, window.toMillis > judged.fromMillis, window.fromMillis < judged.toMillis else { return false }
            return !complete.contains { later in
                later.rejected.isEmpty && (later.runID, later.finishedAt) > (window.runID, window.finishedAt)
                    && later.fromMillis <= window.fromMillis && later.toMillis >= window.toMillis
            }
        }
    }

    /// AT-1: part of the audited stretch (`EvaluationContext.audited`) was never extracted, or its
    /// window failed, or events the source sent for it could not be read and were left out.
    struct CoverageGap: Rule {
        let id = "AT-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let judged = context.audited
            guard !judged.isEmpty else { return [] }
            return gapHits(judged, context) + leftOutHits(judged, context)
        }

        private func leftOutHits(_ judged: TimeWindow, _ context: EvaluationContext) -> [RuleHit] {
            AuditTrailRules.windowsLeavingOut(judged, in: context.facts.coverage).map { window in
                let count = window.rejected.count
                let from = Timestamp.format(milliseconds: window.fromMillis)
                let to = Timestamp.format(milliseconds: window.toMillis)
                let named = window.rejected.prefix(3).map(\.description).joined(separator: "; ")
                return RuleHit(client: nil, subject: "\(from)/\(to) left out", severity: .high,
                    detail: "\(count) event\(count == 1 ? "" : "s") the source sent for \(from) to \(to) could not be read and "
                        + "\(count == 1 ? "was" : "were") left out (\(named)\(count > 3 ? "; …" : "")): there is no evidence of "
                        + "\(count == 1 ? "it" : "them"); the rest of the window was stored.",
                    evidence: Evidence(counts: ["leftOutEvents": count]))
            }
        }

        private func gapHits(_ judged: TimeWindow, _ context: EvaluationContext) -> [RuleHit] {
            AuditTrailRules.gaps(in: judged, coverage: context.facts.coverage).map { gap in
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
        /// The one finding an evaluation over a broken chain stores.
        static let ruleID = "AT-2"
        let id = ruleID
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            guard let problem = context.facts.chain.firstBreak else { return [] }
            return [RuleHit(client: nil, severity: .critical,
                detail: "The warehouse's hash chain does not verify: \(problem). Events after that point cannot be trusted as evidence.",
                evidence: Evidence(counts: ["verifiedRows": Int(context.facts.chain.rows)]))]
        }
    }
}

