import PartnerAuditCore

/// Section 4: every client at the end of the period and the grants it held during it.
///
/// An organisation-wide allowlist (live dialect) is printed once, above the table; a client or
/// grant that holds it refers to it by its number of entries instead of repeating them, so
/// neither this model nor the page holds a copy of the list per client.
struct InventoryModel {
    /// The organisation-wide IP allowlist, shown once.
    struct OrganizationAllowlist {
        /// The paragraph's id, which the clients' Allowlist cells link to.
        static let anchor = "organization-allowlist"

        var anchor = Self.anchor
        /// `1,008 entries`.
        var count: String
        var entries: [String]
        /// The organisation has no allowlist: every client's credentials work from any address.
        var empty: Bool
    }

    struct Client {
        struct Agent {
            var agent: String
            var events: String
        }

        struct Grant {
            var validity: String
            var grant: String
            var scopes: String
            var allowlist: String
        }

        var anchor: String
        var name: String
        var id: String
        var partner: String
        var environment: String
        var attribution: String
        var state: String
        var type: String
        var grantType: String
        var scopes: [String]
        /// The client's own entries; none when it holds the organisation-wide list.
        var allowlist: [String]
        /// `organisation-wide list (1,008 entries)`, linking to the list, when the client holds a non-empty one.
        var organizationList: String?
        var organizationListAnchor = OrganizationAllowlist.anchor
        var noAllowlist: Bool
        var secretAge: String
        var lastActivity: String
        var activity: String
        var description: String?
        var redirectURIs: [String]
        var agents: [Agent]
        var grants: [Grant]
        var removedNote: String?
    }

    var asOf: String
    var note: String?
    var count: String
    var organizationAllowlist: OrganizationAllowlist?
    var clients: [Client]
    var none: Bool

    init(_ inventory: Inventory) {
        asOf = DisplayText.time(inventory.asOf)
        note = inventory.note
        count = DisplayText.plural(inventory.clients.count, "client")
        none = inventory.clients.isEmpty
        organizationAllowlist = inventory.organizationAllowlist.map {
            OrganizationAllowlist(count: Self.entries($0.count), entries: $0, empty: $0.isEmpty)
        }
        clients = inventory.clients.map { client in
            let snapshot = client.snapshot
            let shared = inventory.isOrganizationAllowlist(snapshot.ipAllowlist, scope: snapshot.ipAllowlistScope)
            let entries = snapshot.ipAllowlist ?? []
            let attribution = switch client.attribution {
            case "policy": "mapped in the policy"
            case "nameConvention": "from its name"
            default: "not attributed"
            }
            return Client(
                anchor: "client-\(snapshot.id)", name: snapshot.name, id: snapshot.id,
                partner: client.partner.isEmpty ? "unknown" : client.partner, environment: client.environment.isEmpty ? "unknown" : client.environment,
                attribution: attribution, state: snapshot.state.text, type: snapshot.type.text, grantType: snapshot.grantType.text, scopes: snapshot.scopes,
                allowlist: shared ? [] : entries,
                organizationList: shared && !entries.isEmpty ? "organisation-wide list (\(Self.entries(entries.count)))" : nil,
                noAllowlist: entries.isEmpty,
                secretAge: client.secretAgeDays.map { "\(DisplayText.plural($0, "day")) (since \(DisplayText.day(client.secretSince ?? "")), \(client.secretSource))" } ?? "unknown",
                lastActivity: client.lastActivity.map(DisplayText.time) ?? "none recorded",
                activity: "\(DisplayText.plural(client.eventsInPeriod, "event")), \(DisplayText.plural(client.denialsInPeriod, "denial"))",
                description: snapshot.description.flatMap { $0.isEmpty ? nil : $0 }, redirectURIs: snapshot.redirectURIs,
                agents: client.userAgents.map { Client.Agent(agent: $0.agent, events: DisplayText.count($0.events)) },
                grants: client.grants.map { grant in
                    Client.Grant(validity: "\(DisplayText.time(grant.validFrom)) to \(grant.validTo.map(DisplayText.time) ?? "now")",
                          grant: "\(grant.type) · \(grant.grantType) · \(grant.state)",
                          scopes: grant.scopes.isEmpty ? "(none)" : grant.scopes.joined(separator: ", "),
                          allowlist: Self.grantAllowlist(grant, in: inventory))
                },
                removedNote: client.presentAtEnd ? nil : "Deleted or no longer listed by the end of the period; shown for the grants it held.")
        }
    }

    /// `1 entry`, `1,008 entries`.
    static func entries(_ count: Int) -> String {
        DisplayText.plural(count, "entry", "entries")
    }

    /// A grant's allowlist in words: a reference to the organisation-wide list when it is that
    /// list, else its entries (an organisation list that changed during the period shows the
    /// entries it had then).
    static func grantAllowlist(_ grant: InventoryClient.Grant, in inventory: Inventory) -> String {
        guard let allowlist = grant.allowlist else { return "(no allowlist)" }
        if inventory.isOrganizationAllowlist(allowlist, scope: grant.allowlistScope) {
            return "the organisation-wide list (\(entries(allowlist.count)))"
        }
        return allowlist.isEmpty ? "(empty)" : allowlist.joined(separator: ", ")
    }
}
