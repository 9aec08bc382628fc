import Foundation
import PartnerAuditCore
import Rules
import Warehouse

extension EvidencePackBuilder {
    /// How long after a period's end an evaluation still speaks for it: the nightly run's day.
    static let evaluationGrace: Int64 = 86_400_000

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
    ///   its own period. One AT-1 per stretch of the period no complete extraction window
    ///   covers (judged up to the generation moment, less a two-hour lag, for a period still
    ///   running), and one AT-2 when the hash chain does not verify now. They carry the
    ///   fingerprint the rule engine would give them, are seen at the pack's `asOf` (the
    ///   period's end), and are waived when the policy waives them.
    ///
    /// Sorted most severe first, then in catalog order, then by client name, subject and fingerprint.
    func periodFindings(period: TimeWindow, coverage: EvidenceCoverage, asOf: Int64) async throws -> [PeriodFinding] {
        let judged = TimeWindow(fromMillis: period.fromMillis, toMillis: period.toMillis + Self.evaluationGrace)
        let stored = try await warehouse.findings(overlapping: judged, excludingRules: Array(ControlMatrix.packRules))
        let computed = auditTrailFindings(coverage: coverage, asOf: asOf)
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

    /// AT-1 for every gap of the period's coverage, AT-2 if the chain is broken.
    func auditTrailFindings(coverage: EvidenceCoverage, asOf: Int64) -> [Finding] {
        let seen = Timestamp.format(milliseconds: asOf)
        var out: [Finding] = []
        if let definition = RuleCatalog.definition("AT-1") {
            for gap in coverage.gaps {
                let (from, to) = (Timestamp.format(milliseconds: gap.window.fromMillis), Timestamp.format(milliseconds: gap.window.toMillis))
                let reason = gap.failedWindows == 0
                    ? "was never extracted"
                    : "was attempted but its extraction failed (\(gap.failedWindows) window\(gap.failedWindows == 1 ? "" : "s"); last error: \(gap.lastError ?? "unknown"))"
                let hours = String(format: "%.1f", Double(gap.window.durationMillis) / 3_600_000)
                out.append(finding(definition, subject: "\(from)/\(to)", severity: .high, seen: seen,
                    detail: "The audit log from \(from) to \(to) (\(hours) hours) \(reason): there is no evidence for that time.",
                    evidence: Evidence(counts: ["gapMinutes": Int(gap.window.durationMillis / 60_000), "failedWindows": gap.failedWindows])))
            }
        }
        if let problem = coverage.chain.firstBreak, let definition = RuleCatalog.definition("AT-2") {
            out.append(finding(definition, subject: "", severity: .critical, seen: seen,
                detail: "The warehouse's hash chain does not verify: \(problem). Events after that point cannot be trusted as evidence.",
                evidence: Evidence(counts: ["verifiedRows": Int(coverage.chain.rows)])))
        }
        return out
    }

    private func finding(_ definition: RuleDefinition, subject: String, severity: Severity, seen: String, detail: String, evidence: Evidence) -> Finding {
        var finding = Finding(
            fingerprint: Fingerprint.of(ruleID: definition.id, clientID: "", subject: subject), ruleID: definition.id,
            category: definition.category, severity: severity, subject: subject, title: definition.title, detail: detail,
            evidence: evidence, controls: definition.controlReferences, remediation: definition.remediation, status: .open,
            firstSeen: seen, lastSeen: seen)
        policy.applyWaiver(to: &finding, at: Timestamp.parse(seen) ?? Date(timeIntervalSince1970: 0))
        return finding
    }
}
