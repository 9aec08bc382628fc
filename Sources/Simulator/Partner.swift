/// A partner of the organisation: who they are, what they may do, where their traffic comes from.
package struct Partner: Sendable, Hashable {
    /// The policy id (`acme`).
    package let id: String
    /// The display name (`ACME Corp`).
    package let name: String
    /// The capitalised form used in app names (`Acme`).
    package let title: String
    /// The scopes the policy approves for this partner's apps.
    package let approvedScopes: [String]
    /// The partner's declared networks per environment.
    package let networks: [PartnerEnvironment: [NetworkBlock]]

    /// The declared networks of one environment.
    package func networks(_ environment: PartnerEnvironment) -> [NetworkBlock] {
        networks[environment] ?? []
    }
}
