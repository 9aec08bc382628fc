/// One problem the rule engine found, with the facts it rests on and where it stands.
///
/// The same problem found again has the same `fingerprint` (rule + client + subject), so its
/// lifecycle (`firstSeen`, `lastSeen`, `resolvedAt`) carries across evaluations.
package struct Finding: Sendable, Hashable, Codable {
    package var fingerprint: String
    package var ruleID: String
    package var category: FindingCategory
    package var severity: Severity
    /// Empty for organisation-wide findings (e.g. the audit trail).
    package var clientID: String
    package var clientName: String
    package var partner: String
    package var environment: String
    /// The scope, CIDR or IP the finding is about; empty when it is about the client as a whole.
    package var subject: String
    package var title: String
    package var detail: String
    package var evidence: Evidence
    /// e.g. `SOC2:CC6.3`, `HIPAA:164.308(a)(4)(ii)(B)`.
    package var controls: [String]
    package var remediation: String
    package var status: FindingStatus
    /// Canonical ISO 8601 times.
    package var firstSeen: String
    package var lastSeen: String
    package var resolvedAt: String?
    /// The waiver that covers it (or covered it and expired), when there is one.
    package var waiver: WaiverNote?

    private enum CodingKeys: String, CodingKey {
        case fingerprint, ruleID = "ruleId", category, severity, clientID = "clientId", clientName, partner, environment
        case subject, title, detail, evidence, controls, remediation, status, firstSeen, lastSeen, resolvedAt, waiver
    }

    package init(
        fingerprint: String, ruleID: String, category: FindingCategory, severity: Severity, clientID: String = "",
        clientName: String = "", partner: String = "", environment: String = "", subject: String = "", title: String,
        detail: String, evidence: Evidence = Evidence(), controls: [String] = [], remediation: String = "",
        status: FindingStatus = .open, firstSeen: String = "", lastSeen: String = "", resolvedAt: String? = nil,
        waiver: WaiverNote? = nil
    ) {
        self.fingerprint = fingerprint
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.clientID = clientID
        self.clientName = clientName
        self.partner = partner
        self.environment = environment
        self.subject = subject
        self.title = title
        self.detail = detail
        self.evidence = evidence
        self.controls = controls
        self.remediation = remediation
        self.status = status
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.waiver = waiver
    }
}

/// The facts a finding rests on.
package struct Evidence: Sendable, Hashable, Codable {
    package var scopes: [String] = []
    package var cidrs: [String] = []
    package var sourceIPs: [String] = []
    /// Up to 20 cited events.
    package var events: [CitedEvent] = []
    /// Named counts, e.g. `requests`, `denied`, `eventsInLookback`.
    package var counts: [String: Int] = [:]

    package init(scopes: [String] = [], cidrs: [String] = [], sourceIPs: [String] = [], events: [CitedEvent] = [], counts: [String: Int] = [:]) {
        self.scopes = scopes
        self.cidrs = cidrs
        self.sourceIPs = sourceIPs
        self.events = events
        self.counts = counts
    }
}

/// One audit event a finding cites.
package struct CitedEvent: Sendable, Hashable, Codable {
    package var id: String
    package var timestamp: String
    package var sourceIP: String
    package var action: String

    package init(id: String, timestamp: String, sourceIP: String, action: String) {
        self.id = id
        self.timestamp = timestamp
        self.sourceIP = sourceIP
        self.action = action
    }
}

/// A waiver as a finding shows it: who accepted the risk, why, until when, and whether it still applies.
package struct WaiverNote: Sendable, Hashable, Codable {
    package var justification: String
    package var approvedBy: String
    /// `YYYY-MM-DD`; the waiver applies through the end of that day (UTC).
    package var expires: String
    package var expired: Bool

    package init(justification: String, approvedBy: String, expires: String, expired: Bool) {
        self.justification = justification
        self.approvedBy = approvedBy
        self.expires = expires
        self.expired = expired
    }
}
