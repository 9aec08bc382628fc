import PartnerAuditCore

/// One rule of the catalog: reads the evaluation context, returns what it found.
///
/// The engine turns hits into findings: fingerprint, controls, remediation and waivers are
/// not a rule's concern.
package protocol Rule: Sendable {
    /// The catalog id, e.g. `WS-1`.
    var id: String { get }
    func evaluate(_ context: EvaluationContext) async throws -> [RuleHit]
}

/// One thing a rule found: about which client and subject, how severe, and on what evidence.
package struct RuleHit: Sendable {
    /// `nil` for organisation-wide findings.
    package var client: AttributedClient?
    /// The scope, CIDR, IP or event the hit is about; part of the fingerprint.
    package var subject: String
    package var severity: Severity
    /// Overrides the catalog title (e.g. for an `info` "cannot decide" hit).
    package var title: String?
    package var detail: String
    package var evidence: Evidence

    package init(client: AttributedClient?, subject: String = "", severity: Severity, title: String? = nil, detail: String, evidence: Evidence = Evidence()) {
        self.client = client
        self.subject = subject
        self.severity = severity
        self.title = title
        self.detail = detail
        self.evidence = evidence
    }

    /// A hit about an organisation-wide setting: no client, the clients it binds listed (by
    /// name, then id) and counted in the evidence.
    package static func organizationWide(
        affecting clients: [AttributedClient], subject: String = "", severity: Severity, detail: String, evidence: Evidence = Evidence()
    ) -> RuleHit {
        var evidence = evidence
        evidence.affectedClients = clients
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            .map { AffectedClient(id: $0.id, name: $0.name, partner: $0.partner, environment: $0.environment) }
        evidence.counts["affectedClients"] = clients.count
        return RuleHit(client: nil, subject: subject, severity: severity, detail: detail, evidence: evidence)
    }

    /// A rule whose facts no source of the stretch holds: one organisation-wide `info` hit
    /// that says why, which the control matrix shows as the rule's reason for "not testable".
    package static func notTestable(because reason: String) -> RuleHit {
        RuleHit(client: nil, subject: "not-testable", severity: .info, title: "Not testable: \(reason)",
                detail: "This rule was not evaluated: \(reason).")
    }

    /// A rule that cannot decide for lack of data says so, rather than passing silently.
    package static func cannotDecide(_ client: AttributedClient?, subject: String = "lack-of-data", because reason: String) -> RuleHit {
        RuleHit(client: client, subject: subject, severity: .info, title: "Cannot decide: \(reason)",
                detail: "This rule could not be evaluated: \(reason).")
    }
}
