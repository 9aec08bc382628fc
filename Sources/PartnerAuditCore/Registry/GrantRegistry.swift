/// One of the organisation's own registries of the grants it knows (source-api.md section 4):
/// its OAuth scopes (`GET /api/v2/oauth/scopes`) or its permissions
/// (`GET /api/v2/authorization/permissions`, each `domain:entityType:action`).
///
/// WS-2 judges a granted scope or permission against them; where one could not be read, the
/// shipped list stands in for it.
package struct GrantRegistry: Sendable, Equatable {
    /// Which registry.
    package enum Kind: String, Sendable, CaseIterable, Comparable {
        case scopes = "scope"
        case permissions = "permission"

        /// How a finding or a log line names the registry.
        package var title: String {
            switch self {
            case .scopes: "the organisation's OAuth scope registry"
            case .permissions: "the organisation's permission catalog"
            }
        }

        package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package var kind: Kind
    /// The grants it lists, distinct and sorted.
    package var entries: [String]

    package init(kind: Kind, entries: some Sequence<String>) {
        self.kind = kind
        self.entries = Set(entries.filter { !$0.isEmpty }).sorted()
    }
}

/// What reading one registry gave: the registry, or why the platform would not give it.
package enum GrantRegistryRead: Sendable, Equatable {
    case read(GrantRegistry)
    /// Not given (forbidden, or not served); the reason is one sentence naming the endpoint.
    case unavailable(GrantRegistry.Kind, reason: String)

    package var kind: GrantRegistry.Kind {
        switch self {
        case .read(let registry): registry.kind
        case .unavailable(let kind, _): kind
        }
    }
}
