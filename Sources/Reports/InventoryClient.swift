import PartnerAuditCore

/// One client in the inventory.
struct InventoryClient: Sendable, Hashable {
    /// The client at `asOf` (or as last seen), without its raw JSON (see `Inventory.kept`).
    var snapshot: ClientSnapshot
    var partner: String
    var environment: String
    /// `policy`, `nameConvention` or `none`.
    var attribution: String
    /// Whether the client still existed at the end of the period (a deleted one is kept for its grants).
    var presentAtEnd: Bool
    /// Days since the last secret rotation at `asOf`, and what that date rests on.
    var secretAgeDays: Int?
    var secretSince: String?
    var secretSource: String
    var lastActivity: String?
    var eventsInPeriod: Int
    var denialsInPeriod: Int
    /// The user agents it called with during the period, most frequent first (at most five).
    var userAgents: [AgentCount]
    /// Every snapshot valid at some time during the period, oldest first.
    var grants: [Grant]

    struct AgentCount: Sendable, Hashable {
        var agent: String
        var events: Int
    }

    /// One state of the client's grant and when it held.
    struct Grant: Sendable, Hashable {
        var validFrom: String
        var validTo: String?
        var type: String
        var grantType: String
        var scopes: [String]
        var allowlist: [String]?
        /// Whose list `allowlist` is: the client's own, or the organisation's (live dialect).
        var allowlistScope: AllowlistScope
        var state: String
    }
}
