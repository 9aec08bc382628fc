import PartnerAuditCore

/// Section 4: every client at the end of the period and the grants it held during it.
struct InventoryModel {
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
        var allowlist: [String]
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
    var clients: [Client]
    var none: Bool

    init(_ inventory: Inventory) {
        asOf = DisplayText.time(inventory.asOf)
        note = inventory.note
        count = DisplayText.plural(inventory.clients.count, "client")
        none = inventory.clients.isEmpty
        clients = inventory.clients.map { client in
            let snapshot = client.snapshot
            let attribution = switch client.attribution {
            case "policy": "mapped in the policy"
            case "nameConvention": "from its name"
            default: "not attributed"
            }
            return Client(
                anchor: "client-\(snapshot.id)", name: snapshot.name, id: snapshot.id,
                partner: client.partner.isEmpty ? "unknown" : client.partner, environment: client.environment.isEmpty ? "unknown" : client.environment,
                attribution: attribution, state: snapshot.state, type: snapshot.type, grantType: snapshot.grantType, scopes: snapshot.scopes,
                allowlist: snapshot.ipAllowlist ?? [], noAllowlist: (snapshot.ipAllowlist ?? []).isEmpty,
                secretAge: client.secretAgeDays.map { "\(DisplayText.plural($0, "day")) (since \(DisplayText.day(client.secretSince ?? "")), \(client.secretSource))" } ?? "unknown",
                lastActivity: client.lastActivity.map(DisplayText.time) ?? "none recorded",
                activity: "\(DisplayText.plural(client.eventsInPeriod, "event")), \(DisplayText.plural(client.denialsInPeriod, "denial"))",
                description: snapshot.description.flatMap { $0.isEmpty ? nil : $0 }, redirectURIs: snapshot.redirectURIs,
                agents: client.userAgents.map { Client.Agent(agent: $0.agent, events: DisplayText.count($0.events)) },
                grants: client.grants.map { grant in
                    Client.Grant(validity: "\(DisplayText.time(grant.validFrom)) to \(grant.validTo.map(DisplayText.time) ?? "now")",
                          grant: "\(grant.type) · \(grant.grantType) · \(grant.state)",
                          scopes: grant.scopes.isEmpty ? "(none)" : grant.scopes.joined(separator: ", "),
                          allowlist: grant.allowlist.map { $0.isEmpty ? "(empty)" : $0.joined(separator: ", ") } ?? "(no allowlist)")
                },
                removedNote: client.presentAtEnd ? nil : "Deleted or no longer listed by the end of the period; shown for the grants it held.")
        }
    }
}
