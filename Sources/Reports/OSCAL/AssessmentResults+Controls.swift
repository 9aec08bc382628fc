import PartnerAuditCore
import Rules

extension AssessmentResults {
    /// Every control of the mapping, by reference.
    private static let knownControls: [String: Control] = Dictionary(
        Control.Framework.allCases.flatMap { RuleCatalog.controls(of: $0) }.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })

    /// `reviewed-controls`: one control selection per control of the control matrices, naming it
    /// by token and carrying its status for the period and the reasons.
    var reviewedControls: JSONValue {
        let selections = content.controlMatrices.flatMap { matrix in matrix.controls.map(selection) }
        let frameworks = content.request.frameworks.map(\.title).joined(separator: " and ")
        guard !selections.isEmpty else {
            return .object(["control-selections": .array([.object(["include-all": .object([:])])]),
                            "remarks": .string("No framework was asked for, so no control has a status.")])
        }
        return .object([
            "description": .string("Every control of the \(frameworks) mapping PartnerAudit's rules test, one selection each, with its status for the period "
                + "(the `status` property): no-exceptions (satisfied), exceptions-found (not satisfied: the findings that target it), "
                + "or not-testable (its rules could not run or could not decide; the remarks say why)."),
            "control-selections": .array(selections),
        ])
    }

    /// One control's selection: its token, its reference, its status and the reasons behind it.
    private func selection(_ status: ControlStatus) -> JSONValue {
        let control = status.control
        let objective: String? = switch status.status {
        case .noExceptions: "satisfied"
        case .exceptionsFound: "not-satisfied"
        case .notTestable: nil
        }
        var remarks = status.groups.map { "\($0.ruleID) \($0.severity.rawValue): \(DisplayText.plural($0.count, "finding"))" }
        if status.waived > 0 { remarks.append("\(DisplayText.count(status.waived)) of them waived") }
        remarks += status.reasons
        return OSCALFields.object([
            "description": .string("\(control.framework.title) \(control.id), \(control.name): \(status.status.title.lowercased())"),
            "props": OSCALFields.props([
                OSCALFields.prop("framework", control.framework.rawValue), OSCALFields.prop("control", control.reference),
                OSCALFields.prop("status", status.status.rawValue), objective.flatMap { OSCALFields.prop("objective-status", $0) },
            ] + status.ruleIDs.map { OSCALFields.prop("rule-id", $0) }),
            "include-controls": .array([.object(["control-id": .string(OSCALControlID.token(control.reference))])]),
            "remarks": remarks.isEmpty ? nil : .string(remarks.joined(separator: "\n")),
        ])
    }

    /// The control references a finding is mapped to: its own, or its rule's when it carries none.
    func controlReferences(of finding: Finding) -> [String] {
        finding.controls.isEmpty ? RuleCatalog.definition(finding.ruleID)?.controlReferences ?? [] : finding.controls
    }

    /// The control a finding's OSCAL target names: the first of its controls in a requested framework,
    /// else its first control, else its rule (`rule:WS-1`) when it names no control at all.
    func targetReference(of finding: Finding) -> String {
        let references = controlReferences(of: finding)
        return references.first(where: referencesInScope.contains) ?? references.first ?? "rule:\(finding.ruleID)"
    }

    /// How the document names a control reference: `SOC 2 (2017 Trust Services Criteria) CC6.1, Logical access…`.
    func controlTitle(_ reference: String) -> String {
        guard let control = Self.knownControls[reference] else { return reference }
        return "\(control.framework.title) \(control.id), \(control.name)"
    }
}
