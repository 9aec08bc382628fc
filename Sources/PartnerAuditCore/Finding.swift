/// One problem the rule engine found, with the facts it rests on and where it stands.
///
/// The same problem found again has the same `fingerprint` (rule + client + subject), so its
/// lifecycle (`firstSeen`, `lastSeen`, `resolvedAt`) carries across evaluations.
///
/// A finding about an organisation-wide setting (the audit trail, the live platform's one IP
/// allowlist) has no client: its fingerprint is rule + organisation + subject, and the clients
/// the setting binds are listed in `evidence.affectedClients`.
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
    /// Why it was resolved, when that is more than "not found again": e.g. folded into an
    /// organisation-wide finding.
    package var resolutionNote: String?

    private enum CodingKeys: String, CodingKey {
        case fingerprint, ruleID = "ruleId", category, severity, clientID = "clientId", clientName, partner, environment
        case subject, title, detail, evidence, controls, remediation, status, firstSeen, lastSeen, resolvedAt, waiver, resolutionNote
    }

    /// Whether it is about the organisation as a whole rather than one client.
    package var isOrganizationWide: Bool { clientID.isEmpty }

    /// Whether it is about this client: the client's own finding, or an organisation-wide one listing it.
    package func concerns(clientID: String) -> Bool {
        self.clientID == clientID || (isOrganizationWide && evidence.affectedClients.contains { $0.id == clientID })
    }

    package init(
        fingerprint: String, ruleID: String, category: FindingCategory, severity: Severity, clientID: String = "",
        clientName: String = "", partner: String = "", environment: String = "", subject: String = "", title: String,
        detail: String, evidence: Evidence = Evidence(), controls: [String] = [], remediation: String = "",
        status: FindingStatus = .open, firstSeen: String = "", lastSeen: String = "", resolvedAt: String? = nil,
        waiver: WaiverNote? = nil, resolutionNote: String? = nil
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
        self.resolutionNote = resolutionNote
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
    /// Every client an organisation-wide finding's setting binds (its count is `counts["affectedClients"]`);
    /// empty for a client's own finding, and then left out of the JSON.
    package var affectedClients: [AffectedClient] = []

    package init(
        scopes: [String] = [], cidrs: [String] = [], sourceIPs: [String] = [], events: [CitedEvent] = [], counts: [String: Int] = [:],
        affectedClients: [AffectedClient] = []
    ) {
        self.scopes = scopes
        self.cidrs = cidrs
        self.sourceIPs = sourceIPs
        self.events = events
        self.counts = counts
        self.affectedClients = affectedClients
    }

    private enum CodingKeys: String, CodingKey {
        case scopes, cidrs, sourceIPs, events, counts, affectedClients
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scopes = try container.decode([String].self, forKey: .scopes)
        cidrs = try container.decode([String].self, forKey: .cidrs)
        sourceIPs = try container.decode([String].self, forKey: .sourceIPs)
        events = try container.decode([CitedEvent].self, forKey: .events)
        counts = try container.decode([String: Int].self, forKey: .counts)
        // Findings stored before organisation-wide findings existed have no list.
        affectedClients = try container.decodeIfPresent([AffectedClient].self, forKey: .affectedClients) ?? []
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(cidrs, forKey: .cidrs)
        try container.encode(sourceIPs, forKey: .sourceIPs)
        try container.encode(events, forKey: .events)
        try container.encode(counts, forKey: .counts)
        if !affectedClients.isEmpty { try container.encode(affectedClients, forKey: .affectedClients) }
    }
}

/// A client an organisation-wide finding affects, as it stood when the finding was made.
package struct AffectedClient: Sendable, Hashable, Codable {
    package var id: String
    package var name: String
    package var partner: String
    package var environment: String

    package init(id: String, name: String, partner: String = "", environment: String = "") {
        self.id = id
        self.name = name
        self.partner = partner
        self.environment = environment
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
