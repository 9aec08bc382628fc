import PartnerAuditCore

extension AssessmentResults {
    /// The OSCAL finding of the `index`th finding: its control as the target, `not-satisfied`,
    /// with every field of findings.json a property and its observation related.
    func finding(at index: Int) -> JSONValue {
        let period = content.findings[index]
        let finding = period.finding
        let target = targetReference(of: finding)
        let title = OSCALFields.line("\(finding.ruleID) \(finding.title)" + (finding.clientName.isEmpty ? "" : " — \(finding.clientName)"))
        let props: [JSONValue?] = [
            OSCALFields.prop("rule-id", finding.ruleID), OSCALFields.prop("fingerprint", finding.fingerprint),
            OSCALFields.prop("severity", finding.severity.rawValue), OSCALFields.prop("category", finding.category.rawValue),
            OSCALFields.prop("status", period.statusAtEnd.rawValue), OSCALFields.prop("period-change", period.change.rawValue),
            OSCALFields.prop("client-id", finding.clientID), OSCALFields.prop("client-name", finding.clientName),
            OSCALFields.prop("partner", finding.partner), OSCALFields.prop("environment", finding.environment),
            OSCALFields.prop("subject", finding.subject), OSCALFields.prop("first-seen", finding.firstSeen),
            OSCALFields.prop("last-seen", finding.lastSeen), OSCALFields.prop("resolved-at", finding.resolvedAt ?? ""),
        ] + controlReferences(of: finding).map { OSCALFields.prop("control", $0) }
        return OSCALFields.object([
            "uuid": .string(uuid("finding", keys[index])),
            "title": .string(title),
            "description": .string(finding.detail.isEmpty ? title : finding.detail),
            "props": OSCALFields.props(props),
            "target": OSCALFields.object([
                "type": .string("objective-id"),
                "target-id": .string(OSCALControlID.token(target)),
                "title": .string(OSCALFields.line(controlTitle(target))),
                "props": OSCALFields.props([OSCALFields.prop("control", target)]),
                "status": .object([
                    "state": .string("not-satisfied"),
                    "reason": .string(finding.severity == .info ? "other" : "fail"),
                    "remarks": .string(statusRemarks(period)),
                ]),
            ]),
            "related-observations": .array([.object(["observation-uuid": .string(uuid("observation", keys[index]))])]),
            "remarks": finding.remediation.isEmpty ? nil : .string("Remediation: \(finding.remediation)"),
        ])
    }

    /// Why the target is not satisfied, in the auditor's words: an exception and where it stood at
    /// the period's end, or a rule that could not decide.
    func statusRemarks(_ period: PeriodFinding) -> String {
        let finding = period.finding
        if finding.severity == .info {
            return "Not testable: \(finding.ruleID) could not decide for lack of data, and a rule never passes for want of data. \(finding.title)"
        }
        let exception = "An exception of \(finding.severity.rawValue) severity"
        switch period.statusAtEnd {
        case .open:
            return "\(exception), open at the end of the period."
        case .resolved:
            return "\(exception) during the period, resolved at \(finding.resolvedAt ?? "an unrecorded time")."
        case .waived:
            guard let waiver = finding.waiver else { return "\(exception), waived." }
            return "\(exception), waived by \(waiver.approvedBy) until \(waiver.expires): \(waiver.justification)"
        }
    }

    /// The observation of the `index`th finding: the facts it cites (scopes, networks, addresses,
    /// counts, affected clients as properties; each cited event as relevant evidence in events.csv.gz).
    func observation(at index: Int) -> JSONValue {
        let finding = content.findings[index].finding
        let evidence = finding.evidence
        let who = finding.clientName.isEmpty ? "the organisation" : finding.clientName
        var props: [JSONValue?] = [OSCALFields.prop("rule-id", finding.ruleID), OSCALFields.prop("fingerprint", finding.fingerprint)]
        props += evidence.scopes.map { OSCALFields.prop("scope", $0) }
        props += evidence.cidrs.map { OSCALFields.prop("cidr", $0) }
        props += evidence.sourceIPs.map { OSCALFields.prop("source-ip", $0) }
        props += evidence.counts.keys.sorted().map { OSCALFields.prop("count", "\($0): \(evidence.counts[$0] ?? 0)") }
        props += evidence.affectedClients.map { OSCALFields.prop("affected-client", "\($0.id) \($0.name)") }
        var relevant: [JSONValue] = [OSCALFields.object([
            "href": resourceLink(PackFiles.findingsJSON),
            "description": .string("The finding \(finding.fingerprint) in findings.json, with every field."),
        ])]
        relevant += evidence.events.map { event in
            OSCALFields.object([
                "href": resourceLink(PackFiles.events),
                "description": .string("Audit event \(event.id) at \(event.timestamp) from \(event.sourceIP.isEmpty ? "no recorded address" : event.sourceIP): \(event.action)"),
                "props": OSCALFields.props([
                    OSCALFields.prop("event-id", event.id), OSCALFields.prop("timestamp", event.timestamp),
                    OSCALFields.prop("source-ip", event.sourceIP), OSCALFields.prop("action", event.action),
                ]),
            ])
        }
        return OSCALFields.object([
            "uuid": .string(uuid("observation", keys[index])),
            "title": .string(OSCALFields.line("\(finding.ruleID) evidence for \(who)")),
            "description": .string(finding.detail.isEmpty ? finding.title : finding.detail),
            "props": OSCALFields.props(props),
            "methods": .array([.string("EXAMINE")]),
            "types": .array([.string(finding.severity == .info ? "control-objective" : "finding")]),
            "relevant-evidence": .array(relevant),
            "collected": .string(OSCALFields.dateTime(finding.lastSeen, fallback: content.asOfText)),
        ])
    }

    /// `#uuid` of the back-matter resource of a pack file, when the pack holds it.
    func resourceLink(_ name: String) -> JSONValue? {
        files.contains { $0.name == name } ? .string("#" + resourceUUID(name)) : nil
    }
}
