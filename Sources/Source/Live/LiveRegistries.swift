import Logging
import PartnerAuditCore

/// The organisation's own known-grant registries (source-api.md section 4): its OAuth scopes and
/// its permission catalog, read on every run for WS-2.
///
/// Neither read is needed for the extraction to stand: a registry the platform will not give
/// (403, or an endpoint it does not serve) is `unavailable` with the reason, and the rules use
/// the shipped list in its place. Any other failure fails the run, like every other read.
struct LiveRegistries: Sendable {
    static let scopesPath = "/api/v2/oauth/scopes"
    static let permissionsPath = "/api/v2/authorization/permissions"

    let api: APIClient
    let pageSize: Int
    let logger: Logger

    func read() async throws -> [GrantRegistryRead] {
        [
            try await optional(.scopes, path: Self.scopesPath) { try await scopes() },
            try await optional(.permissions, path: Self.permissionsPath) { try await permissions() },
        ]
    }

    /// `{"entities": [{"id": "routing:readonly", "description": …}], "total": …}`: one unpaged listing.
    private func scopes() async throws -> GrantRegistry {
        let request = "GET \(Self.scopesPath)"
        let page = try SourcePage(try await api.call(.GET, Self.scopesPath, label: "OAuth scopes"), label: request, keepsEntityTexts: false)
        return GrantRegistry(kind: .scopes, entries: try page.entities.map { entity in
            guard let id = entity["id"]?.nonEmptyString else {
                throw SourceError(.malformedResponse, request: request, message: "an OAuth scope without an 'id'")
            }
            return id
        })
    }

    /// Each `DomainPermissionCollection`'s `permissionMap` (entity type → `[{domain, entityType, action}]`)
    /// as `domain:entityType:action`, page by page.
    private func permissions() async throws -> GrantRegistry {
        var permissions: [String] = []
        for (collection, page) in try await api.numberedListing(Self.permissionsPath, what: "permissions", pageSize: pageSize) {
            guard case .object(let map)? = collection["permissionMap"] else { continue }
            for (entityType, list) in map {
                for permission in list.arrayValue ?? [] {
                    guard let domain = permission["domain"]?.nonEmptyString, let action = permission["action"]?.nonEmptyString else {
                        throw SourceError(.malformedResponse, request: "GET \(Self.permissionsPath) (\(page))",
                                          message: "a permission of entity type '\(entityType)' without a domain or an action")
                    }
                    permissions.append("\(domain):\(permission["entityType"]?.nonEmptyString ?? entityType):\(action)")
                }
            }
        }
        return GrantRegistry(kind: .permissions, entries: permissions)
    }

    /// The registry, or `unavailable` when the platform forbids it (403) or does not serve it (404).
    private func optional(_ kind: GrantRegistry.Kind, path: String, _ read: () async throws -> GrantRegistry) async throws -> GrantRegistryRead {
        do {
            return .read(try await read())
        } catch let error as SourceError where error.code == .forbidden || error.code == .unexpectedStatus(404) {
            let why = error.code == .forbidden ? "forbidden (403)" : "not served (404)"
            logger.warning("\(kind.title) (GET \(path)) is \(why): WS-2 uses the shipped list in its place")
            return .unavailable(kind, reason: "GET \(path) was \(why)")
        }
    }
}
