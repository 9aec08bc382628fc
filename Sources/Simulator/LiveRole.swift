/// A role of the live dialect: the permissions a client-credentials client is granted through.
///
/// Clients with the same permissions share one role. Its id is a function of the seed and the
/// permissions, so a role keeps its id while any client holds it.
package struct LiveRole: Sendable, Hashable {
    /// One permission policy: the actions granted on one `(domain, entityName)`.
    package struct Policy: Sendable, Hashable {
        package let id: String
        package let domain: String
        package let entityName: String
        package let actionSet: [String]
    }

    package let id: String
    package let name: String
    package let description: String
    /// Distinct and sorted, `domain:entity:action` each.
    package let permissions: [String]

    /// The role for a set of permissions (sorted, distinct), named after its first holder.
    init(seed: UInt64, permissions: [String], name: String) {
        self.id = Self.id(seed: seed, permissions: permissions)
        self.name = name
        self.description = "Grants \(permissions.count) permission\(permissions.count == 1 ? "" : "s") to partner integrations."
        self.permissions = permissions
    }

    /// The id of the role that holds exactly these permissions (sorted, distinct).
    static func id(seed: UInt64, permissions: [String]) -> String {
        SeededHash.uuid(seed, 94, SeededHash.text(permissions.joined(separator: "\n")))
    }

    /// One policy per `(domain, entityName)`, in permission order; expanding them gives `permissions` back.
    ///
    /// `routing:*:*` is `{"domain":"routing","entityName":"*","actionSet":["*"]}`. A permission
    /// of more than three segments keeps the rest in its action.
    package var policies: [Policy] {
        var order: [String] = []
        var groups: [String: (domain: String, entity: String, actions: [String])] = [:]
        for permission in permissions {
            let parts = permission.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let domain = parts[0]
            let entity = parts.count > 1 ? parts[1] : "*"
            let action = parts.count > 2 ? parts[2] : "*"
            let key = domain + ":" + entity
            if groups[key] == nil {
                order.append(key)
                groups[key] = (domain, entity, [])
            }
            groups[key]?.actions.append(action)
        }
        return order.enumerated().compactMap { index, key in
            guard let group = groups[key] else { return nil }
            return Policy(id: SeededHash.uuid(SeededHash.text(id), 97, UInt64(index)),
                          domain: group.domain, entityName: group.entity, actionSet: group.actions)
        }
    }
}
