/// The simulated organisation's own known-grant registries (source-api.md section 4) and the
/// grant of the extractor's own OAuth client.
///
/// The permission catalog holds every permission the endpoint catalog's calls need and those the
/// extractor itself reads with; the scope registry holds the platform's coarse scopes and, since
/// the simulated non-client-credentials apps carry the endpoint catalog's scope names, those too.
/// A misspelt or invented grant a planted misconfiguration gives (`routing:queue:raed`) is in
/// neither: WS-2 finds it through the organisation's own registries.
package enum LiveRegistry {
    /// What the extractor's own client needs to read: the clients, the roles, the allowlist (the
    /// platform has no narrower permission than `directory:organization:admin` for it), the
    /// audit log and the API usage.
    static let auditorPermissions = [
        "audits:audit:view", "authorization:role:view", "directory:organization:admin", "oauth:client:view", "usage:organization:view",
    ]

    /// What the `overgrant` fault adds to the extractor's own client: writes it never needs.
    static let overgrantedPermissions = ["authorization:role:edit", "oauth:client:edit"]

    /// Every permission the organisation knows, `domain:entity:action`, sorted.
    package static let permissions: [String] = Set(EndpointCatalog.all.map(\.permission) + auditorPermissions + overgrantedPermissions).sorted()

    /// Every OAuth scope id the organisation knows, sorted.
    package static let scopes: [String] = {
        let coarse = ["analytics", "analytics:readonly", "audits", "audits:readonly", "authorization", "authorization:readonly",
                      "conversations", "conversations:readonly", "external-contacts", "external-contacts:readonly", "oauth", "oauth:readonly",
                      "organization", "organization:readonly", "recordings", "recordings:readonly", "routing", "routing:readonly",
                      "usage", "usage:readonly", "users", "users:readonly"]
        return Set(coarse + EndpointCatalog.all.map(\.scope)).sorted()
    }()

    /// The permissions grouped as the platform's `DomainPermissionCollection`s: by domain, then entity type.
    static var permissionCollections: [(domain: String, entities: [(entity: String, actions: [String])])] {
        var domains: [String: [String: [String]]] = [:]
        for permission in permissions {
            let parts = permission.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            domains[parts[0], default: [:]][parts[1], default: []].append(parts[2])
        }
        return domains.keys.sorted().map { domain in
            (domain, (domains[domain] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}
