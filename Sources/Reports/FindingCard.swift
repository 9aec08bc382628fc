import PartnerAuditCore
import Rules

/// One finding in full.
struct FindingCard {
    struct Count {
        var name: String
        var value: String
    }

    struct Event {
        var id: String
        var timestamp: String
        var sourceIP: String
        var action: String
    }

    struct Client {
        var id: String
        var name: String
        var partnerEnvironment: String?
    }

    struct Waiver {
        var justification: String
        var approvedBy: String
        var expires: String
        var state: String
        var cssClass: String
    }

    var anchor: String
    var fingerprint: String
    var ruleID: String
    /// The finding's own title when it says more than its rule's (a "Cannot decide: …" finding, say).
    var ownTitle: String?
    var severityClass: String
    var client: String
    var clientID: String?
    var partnerEnvironment: String?
    var subject: String?
    var status: String
    var statusClass: String
    var change: String
    var detail: String
    var scopes: [String]
    var cidrs: [String]
    var sourceIPs: [String]
    var counts: [Count]
    var events: [Event]
    /// The clients an organisation-wide finding's setting binds, shown folded.
    var affectedClients: [Client]
    /// "3 clients", when there are any.
    var affectedSummary: String?
    var hasEvidence: Bool
    var hasScopes: Bool
    var hasCidrs: Bool
    var hasSourceIPs: Bool
    var hasCounts: Bool
    var hasEvents: Bool
    var remediation: String
    var controls: String
    var firstSeen: String
    var lastSeen: String
    var resolvedAt: String?
    var resolutionNote: String?
    var waiver: Waiver?

    init(_ entry: PeriodFinding) {
        let finding = entry.finding
        anchor = ReportViewModel.findingAnchor(finding.fingerprint)
        fingerprint = finding.fingerprint
        ruleID = finding.ruleID
        ownTitle = finding.title == RuleCatalog.definition(finding.ruleID)?.title ? nil : finding.title
        severityClass = "sev-\(finding.severity.rawValue)"
        client = finding.clientName.isEmpty ? (finding.clientID.isEmpty ? "Organisation-wide" : finding.clientID) : finding.clientName
        clientID = finding.clientID.isEmpty ? nil : finding.clientID
        let partnerEnvironment = [finding.partner, finding.environment].filter { !$0.isEmpty }.joined(separator: " · ")
        self.partnerEnvironment = partnerEnvironment.isEmpty ? nil : partnerEnvironment
        subject = finding.subject.isEmpty ? nil : finding.subject
        status = entry.statusAtEnd == finding.status ? finding.status.rawValue : "\(entry.statusAtEnd.rawValue) at period end (now \(finding.status.rawValue))"
        statusClass = "status-\(entry.statusAtEnd.rawValue)"
        change = switch entry.change {
        case .new: "new in the period"
        case .stillOpen: "open since before the period"
        case .resolved: "resolved in the period"
        }
        detail = finding.detail
        scopes = finding.evidence.scopes
        cidrs = finding.evidence.cidrs
        sourceIPs = finding.evidence.sourceIPs
        counts = finding.evidence.counts.keys.sorted().map { Count(name: $0, value: DisplayText.count(finding.evidence.counts[$0] ?? 0)) }
        events = finding.evidence.events.map { Event(id: $0.id, timestamp: $0.timestamp, sourceIP: $0.sourceIP, action: $0.action) }
        hasScopes = !scopes.isEmpty
        hasCidrs = !cidrs.isEmpty
        hasSourceIPs = !sourceIPs.isEmpty
        hasCounts = !counts.isEmpty
        hasEvents = !events.isEmpty
        affectedClients = finding.evidence.affectedClients.map { client in
            let partnerEnvironment = [client.partner, client.environment].filter { !$0.isEmpty }.joined(separator: " · ")
            return Client(id: client.id, name: client.name.isEmpty ? client.id : client.name, partnerEnvironment: partnerEnvironment.isEmpty ? nil : partnerEnvironment)
        }
        affectedSummary = affectedClients.isEmpty ? nil : DisplayText.plural(affectedClients.count, "client")
        hasEvidence = hasScopes || hasCidrs || hasSourceIPs || hasCounts || hasEvents || !affectedClients.isEmpty
        remediation = finding.remediation
        controls = finding.controls.joined(separator: ", ")
        firstSeen = DisplayText.time(finding.firstSeen)
        lastSeen = DisplayText.time(finding.lastSeen)
        resolvedAt = finding.resolvedAt.map(DisplayText.time)
        resolutionNote = finding.resolutionNote
        waiver = finding.waiver.map {
            Waiver(justification: $0.justification, approvedBy: $0.approvedBy.isEmpty ? "(not recorded)" : $0.approvedBy, expires: $0.expires,
                   state: $0.expired ? "expired: it no longer applies" : "in force", cssClass: $0.expired ? "waiver-expired" : "waiver-active")
        }
    }
}
