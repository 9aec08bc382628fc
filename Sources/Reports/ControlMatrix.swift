import PartnerAuditCore
import Rules

/// One framework's controls with their status for the period.
struct ControlMatrix: Sendable {
    var framework: Control.Framework
    /// Every control of rules.md's mapping for the framework, in catalog order.
    var controls: [ControlStatus]
}

extension ControlMatrix {
    /// Rules whose decision rests on audit events of the period.
    static let eventBasedRules: Set<String> = ["LP-2", "LP-5", "AL-4", "ER-1", "ER-2", "ER-3", "CM-1", "AN-1", "AN-2"]
    /// Rules the pack decides itself from coverage and the chain.
    static let packRules = Set(AuditTrailRules.all.map(\.id))

    /// The matrix of `framework`: a control with a non-info finding has exceptions; one whose
    /// rules could not run (no evaluation covers the period, no events, or a rule said it
    /// cannot decide) is not testable, with the reasons; any other has no exceptions.
    init(framework: Control.Framework, findings: [PeriodFinding], evaluated: Bool, eventsInPeriod: Int) {
        self.framework = framework
        let ruleOrder = Dictionary(uniqueKeysWithValues: RuleCatalog.all.enumerated().map { ($1.id, $0) })
        controls = RuleCatalog.controls(of: framework).map { control in
            let rules = RuleCatalog.all.filter { $0.controls.contains(control) }.map(\.id)
            let mapped = findings.filter { $0.finding.controls.contains(control.reference) || ($0.finding.controls.isEmpty && rules.contains($0.finding.ruleID)) }
            let exceptions = mapped.filter { $0.finding.severity != .info }
            var groups: [ControlStatus.FindingGroup] = []
            for finding in exceptions {
                if let last = groups.last, last.severity == finding.finding.severity, last.ruleID == finding.finding.ruleID {
                    groups[groups.count - 1].count += 1
                } else {
                    groups.append(.init(severity: finding.finding.severity, ruleID: finding.finding.ruleID, count: 1))
                }
            }
            groups.sort { $0.severity != $1.severity ? $0.severity > $1.severity : (ruleOrder[$0.ruleID] ?? 0) < (ruleOrder[$1.ruleID] ?? 0) }
            var reasons: [String] = []
            let engineRules = rules.filter { !Self.packRules.contains($0) }
            if !evaluated, !engineRules.isEmpty {
                reasons.append("No evaluation of the rules covers this period, so \(engineRules.joined(separator: ", ")) did not run over it.")
            } else if eventsInPeriod == 0 {
                let eventRules = engineRules.filter(Self.eventBasedRules.contains)
                if !eventRules.isEmpty {
                    reasons.append("No audit events were extracted for the period, so \(eventRules.joined(separator: ", ")) had nothing to judge.")
                }
            }
            for info in mapped where info.finding.severity == .info {
                let who = info.finding.clientName.isEmpty ? "" : " for \(info.finding.clientName)"
                reasons.append("\(info.finding.ruleID)\(who): \(info.finding.title)")
            }
            let status: ControlStatus.Status = !exceptions.isEmpty ? .exceptionsFound : (reasons.isEmpty ? .noExceptions : .notTestable)
            return ControlStatus(control: control, status: status, ruleIDs: rules, reasons: reasons, groups: groups,
                                 fingerprints: exceptions.map(\.finding.fingerprint), waived: exceptions.filter { $0.statusAtEnd == .waived }.count)
        }
    }
}
