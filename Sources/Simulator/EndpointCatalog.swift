/// The endpoints the simulated partner apps call, mirroring the endpoint → grant map (`Sources/Rules/Data/endpoint-scopes.tsv`).
///
/// Each row names the scope the guide dialect grants and the permission the live dialect's
/// roles grant for the same call; `LivePermissions` translates scopes with these rows.
///
/// Kept in code so the simulator needs no file at run time; `EndpointCatalogTests` checks
/// every row against the catalog file, so a drift fails the build's tests.
enum EndpointCatalog {
    /// A scope's first row is the call its client is sure to make (`TrafficProfile.callPerScope`):
    /// one the platform's endpoint map says needs the scope's permission (`GET /api/v2/conversations`
    /// needs none there, so `GET /api/v2/conversations/{id}` comes first; `GET /api/v2/users` neither,
    /// so `GET /api/v2/users/search` does). A scope's rows share one permission, the one the
    /// platform's map gives its first row (`POST /api/v2/conversations/calls` needs
    /// `conversation:conference:add`, `POST /api/v2/oauth/clients` `oauth:client:add`).
    static let all: [Endpoint] = [
        .init(method: "GET", pattern: "/api/v2/routing/queues", scope: "routing:queue:read", permission: "routing:queue:view", resource: "routing/queues", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/routing/queues/{id}", scope: "routing:queue:read", permission: "routing:queue:view", resource: "routing/queues", idKind: .queue),
        .init(method: "GET", pattern: "/api/v2/routing/queues/{id}/members", scope: "routing:queue:read", permission: "routing:queue:view", resource: "routing/queues", idKind: .queue),
        .init(method: "PUT", pattern: "/api/v2/routing/queues/{id}", scope: "routing:queue:write", permission: "routing:queue:edit", resource: "routing/queues", idKind: .queue),
        .init(method: "POST", pattern: "/api/v2/routing/queues", scope: "routing:queue:write", permission: "routing:queue:edit", resource: "routing/queues", idKind: nil),
        .init(method: "DELETE", pattern: "/api/v2/routing/queues/{id}", scope: "routing:queue:write", permission: "routing:queue:edit", resource: "routing/queues", idKind: .queue),
        .init(method: "GET", pattern: "/api/v2/conversations/{id}", scope: "interaction:read", permission: "conversation:communication:view", resource: "conversations", idKind: .conversation),
        .init(method: "GET", pattern: "/api/v2/conversations", scope: "interaction:read", permission: "conversation:communication:view", resource: "conversations", idKind: nil),
        .init(method: "POST", pattern: "/api/v2/conversations/calls", scope: "interaction:write", permission: "conversation:conference:add", resource: "conversations", idKind: nil),
        .init(method: "PATCH", pattern: "/api/v2/conversations/{id}", scope: "interaction:write", permission: "conversation:conference:add", resource: "conversations", idKind: .conversation),
        .init(method: "GET", pattern: "/api/v2/analytics/reporting/schedules", scope: "analytics:report:read", permission: "analytics:reportingExport:view", resource: "analytics/reporting", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/analytics/reporting/exports", scope: "analytics:report:read", permission: "analytics:reportingExport:view", resource: "analytics/reporting", idKind: nil),
        .init(method: "POST", pattern: "/api/v2/analytics/conversations/details/query", scope: "analytics:conversation:read", permission: "analytics:conversationDetail:view", resource: "analytics/conversations", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/users/search", scope: "users:read", permission: "directory:user:view", resource: "users", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/users", scope: "users:read", permission: "directory:user:view", resource: "users", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/users/{id}", scope: "users:read", permission: "directory:user:view", resource: "users", idKind: .user),
        .init(method: "PATCH", pattern: "/api/v2/users/{id}", scope: "users:write", permission: "directory:user:edit", resource: "users", idKind: .user),
        .init(method: "GET", pattern: "/api/v2/recordings/{id}", scope: "recording:read", permission: "recording:recording:view", resource: "recordings", idKind: .recording),
        .init(method: "DELETE", pattern: "/api/v2/recordings/{id}", scope: "recording:delete", permission: "recording:recording:delete", resource: "recordings", idKind: .recording),
        .init(method: "GET", pattern: "/api/v2/externalcontacts/contacts", scope: "externalcontacts:contact:read", permission: "externalContacts:contact:view", resource: "externalcontacts/contacts", idKind: nil),
        .init(method: "POST", pattern: "/api/v2/externalcontacts/contacts", scope: "externalcontacts:contact:write", permission: "externalContacts:contact:add", resource: "externalcontacts/contacts", idKind: nil),
        .init(method: "GET", pattern: "/api/v2/oauth/clients", scope: "oauth:client:read", permission: "oauth:client:view", resource: "oauth/clients", idKind: nil),
        .init(method: "POST", pattern: "/api/v2/oauth/clients", scope: "oauth:client:admin", permission: "oauth:client:add", resource: "oauth/clients", idKind: nil),
    ]

    /// The endpoints a granted scope lets an app call.
    ///
    /// A wildcard grant (`routing:*`, `*`) reaches every endpoint whose scope it matches;
    /// for a bare `*` only the reading ones are used, as a careless integration would.
    static func endpoints(for scope: String) -> [Endpoint] {
        if scope == "*" || scope == "*:*" {
            return all.filter { $0.method == "GET" }
        }
        if scope.hasSuffix("*") {
            let prefix = String(scope.dropLast())
            return all.filter { $0.scope.hasPrefix(prefix) }
        }
        return all.filter { $0.scope == scope }
    }
}

extension EndpointCatalog {
    /// The endpoint a concrete call (`GET /api/v2/routing/queues/8f1…`) went to; `nil` when none matches.
    static func endpoint(method: String, path: String) -> Endpoint? {
        all.first { endpoint in
            guard endpoint.method == method else { return false }
            guard endpoint.idKind != nil else { return endpoint.pattern == path }
            return path.hasPrefix(endpoint.pathHead) && path.hasSuffix(endpoint.pathTail)
                && path.count > endpoint.pathHead.count + endpoint.pathTail.count
                && !path.dropFirst(endpoint.pathHead.count).dropLast(endpoint.pathTail.count).contains("/")
        }
    }
}
