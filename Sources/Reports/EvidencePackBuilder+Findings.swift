import Foundation
import PartnerAuditCore
import Rules
import Warehouse

extension EvidencePackBuilder {
    /// How long after a period's end an evaluation still speaks for it: the nightly run's day.
    static let evaluationGrace = TimeSpan.day

    /// The findings a pack for `period` holds.
    ///
    /// - Stored findings whose lifecycle overlaps the period, give or take one day at its
    ///   end: first seen before the period ends plus `evaluationGrace`, and not resolved before it
    ///   starts (`first_seen < end + 1 day AND (resolved_at IS NULL OR resolved_at >= start)`).
    ///   That is whatever was open at any moment of the period, including findings since
    ///   resolved (shown as resolved) and waived ones (shown with their waiver). The day of
    ///   grace is for the nightly evaluation that runs just after the period ends: it is the
    ///   one that judges the period's last day, so what it finds first belongs to the period.
    /// - Except AT-1 and AT-2, which are about the evidence itself: the pack decides them for
    ///   its own period: the rule engine runs the audit-trail rules over the stretch the
    ///   coverage judges (the period, up to the generation moment less a two-hour lag for a
    ///   period still running) and the chain's verdict now. One AT-1 per gap, one AT-2 when
    ///   the chain does not verify, seen at the pack's `asOf` (the period's end), waived when
    ///   the policy waives them: worded, fingerprinted and waived as the nightly run does.
    ///
    /// Sorted most severe first, then in catalog order, then by client name, subject and fingerprint.
    func periodFindings(period: TimeWindow, coverage: EvidenceCoverage, asOf: Int64) async throws -> [PeriodFinding] {
        let judged = TimeWindow(fromMillis: period.fromMillis, toMillis: period.toMillis + Self.evaluationGrace)
        let stored = try await warehouse.findings(overlapping: judged, excludingRules: Array(ControlMatrix.packRules))
        let engine = RuleEngine(warehouse: warehouse, policy: policy, catalog: .none, logger: logger)
        let computed = try await engine.auditTrailFindings(judging: coverage.judged, coverage: coverage.windows, chain: coverage.chain, asOf: asOf)
        let end = Timestamp.format(milliseconds: period.toMillis)
        let order = Dictionary(uniqueKeysWithValues: RuleCatalog.all.enumerated().map { ($1.id, $0) })
        return (stored + computed).map { finding in
            let statusAtEnd: FindingStatus = finding.resolvedAt.map { $0 < end } == true ? .resolved : (finding.status == .resolved ? .open : finding.status)
            return PeriodFinding(finding: finding, change: PeriodChange(finding, period: period), statusAtEnd: statusAtEnd)
        }.sorted { lhs, rhs in
            let (l, r) = (lhs.finding, rhs.finding)
            if l.severity != r.severity { return l.severity > r.severity }
            let (lo, ro) = (order[l.ruleID] ?? Int.max, order[r.ruleID] ?? Int.max)
            if lo != ro { return lo < ro }
            if l.ruleID != r.ruleID { return l.ruleID < r.ruleID }
            return (l.clientName, l.subject, l.fingerprint) < (r.clientName, r.subject, r.fingerprint)
        }
    }
}
