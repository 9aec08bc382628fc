/// One partner of the policy: what it may be granted, which clients are its, where it calls from.
package struct PartnerPolicy: Sendable, Equatable {
    /// The partner's id, unique in the policy (`acme`).
    package var id: String
    /// The display name; the id when the file gives none.
    package var name: String
    /// LP-1: the scopes this partner's clients may hold.
    package var approvedScopes: [String]
    /// Explicit client mappings; they win over the `Partner-Integration-{Env}-{Partner}` name convention.
    package var clients: [PartnerClient]
    /// Where each environment's traffic comes from, by environment name (`prod`, `staging`).
    package var networks: [String: [CIDRBlock]]
    /// Where the partner was declared, for messages.
    package var line: Int?

    package init(
        id: String, name: String? = nil, approvedScopes: [String] = [], clients: [PartnerClient] = [],
        networks: [String: [CIDRBlock]] = [:], line: Int? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.approvedScopes = approvedScopes
        self.clients = clients
        self.networks = networks
        self.line = line
    }
}
