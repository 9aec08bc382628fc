import PartnerAuditCore

/// A client snapshot with the partner and environment it belongs to, and how that was decided.
package struct AttributedClient: Sendable, Hashable {
    package enum Attribution: String, Sendable, Hashable {
        /// Mapped by `clientId` in the policy.
        case policy
        /// Read from the `Partner-Integration-{Env}-{Partner}` name.
        case nameConvention
        /// Neither: the app cannot be attributed (ER-4).
        case none
    }

    package var snapshot: ClientSnapshot
    /// Lower-case partner id; empty when unattributed.
    package var partner: String
    /// Lower-case environment; empty when unattributed.
    package var environment: String
    package var attribution: Attribution

    package var id: String { snapshot.id }
    package var name: String { snapshot.name }
    package var isActive: Bool { snapshot.state == .active }

    /// Attributes a client: the policy's explicit mapping wins over the name convention.
    package init(_ snapshot: ClientSnapshot, policy: Policy) {
        self.snapshot = snapshot
        if let mapped = policy.partner(forClientID: snapshot.id) {
            partner = mapped.partner.id.lowercased()
            environment = mapped.environment.lowercased()
            attribution = .policy
        } else if let convention = snapshot.nameConvention {
            partner = convention.partner
            environment = convention.environment
            attribution = .nameConvention
        } else {
            partner = ""
            environment = ""
            attribution = .none
        }
    }
}
