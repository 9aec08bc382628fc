import Foundation
import Logging
import PartnerAuditCore

/// What `doctor` asks the live platform (issue 12, item 5): whether each read the tool makes is
/// answered, and what the tool's own OAuth client is granted.
///
/// Each probe is the cheapest request that needs the same grant as the read it stands for: a
/// page of one entity, the audit service mapping for the audit query, and one usage query
/// submitted (its results are never read).
package struct LiveAccessCheck: Sendable {
    private let api: APIClient
    private let directory: LiveDirectory
    private let usage: LiveUsageQuery
    private let clock: any WallClock

    package init(api: APIClient, clock: any WallClock) {
        self.api = api
        self.clock = clock
        directory = LiveDirectory(api: api, pageSize: 500, logger: api.logger)
        usage = LiveUsageQuery(api: api, clock: clock)
    }

    /// The permissions the tool's reads need, one of each inner list sufficing.
    package static let neededPermissions: [[String]] = AccessRead.allCases.compactMap { $0.permissions.isEmpty ? nil : $0.permissions }

    /// Asks for every read in turn; a failure other than 403 or 404 is reported as it came.
    package func probe() async -> [AccessProbe] {
        var probes: [AccessProbe] = []
        for read in AccessRead.allCases {
            do {
                try await ask(read)
                probes.append(AccessProbe(read: read, verdict: .answered))
            } catch let error as SourceError where error.code == .forbidden {
                probes.append(AccessProbe(read: read, verdict: .forbidden))
            } catch let error as SourceError where error.code == .unexpectedStatus(404) {
                probes.append(AccessProbe(read: read, verdict: .notServed))
            } catch {
                probes.append(AccessProbe(read: read, verdict: .failed("\(error)")))
            }
        }
        return probes
    }

    /// The tool's own client, its roles' permissions as its grants.
    package func ownClient(id: String) async throws -> ClientSnapshot {
        try await api.redactingErrors { try await directory.client(id: id) }
    }

    private func ask(_ read: AccessRead) async throws {
        let one = [("pageSize", "1"), ("pageNumber", "1")]
        switch read {
        case .clients: _ = try await api.call(.GET, "/api/v2/oauth/clients", label: "doctor: OAuth clients")
        case .roles: _ = try await api.call(.GET, "/api/v2/authorization/roles", query: one, label: "doctor: roles")
        case .allowlist:
            do {
                _ = try await api.call(.GET, "/api/v2/organizations/authentication/settings", label: "doctor: authentication settings")
            } catch let error as SourceError where error.code == .unexpectedStatus(404) {
                _ = try await api.call(.GET, "/api/v2/organizations/ipaddressauthentication", label: "doctor: IP address authentication")
            }
        case .auditLog: _ = try await api.call(.GET, "/api/v2/audits/query/servicemapping", label: "doctor: audit service mapping")
        case .usage:
            let now = Timestamp.milliseconds(clock.now)
            let today = now - now % TimeSpan.day.milliseconds
            _ = try await usage.submit(TimeWindow(fromMillis: today - .day, toMillis: today))
        case .scopeRegistry: _ = try await api.call(.GET, LiveRegistries.scopesPath, label: "doctor: OAuth scopes")
        case .permissionCatalog: _ = try await api.call(.GET, LiveRegistries.permissionsPath, query: one, label: "doctor: permissions")
        }
    }
}

/// One read the tool makes of the live platform, and the grant it needs.
package enum AccessRead: String, Sendable, CaseIterable {
    case clients, roles, allowlist, auditLog, usage, scopeRegistry, permissionCatalog

    /// How `doctor` names it.
    package var title: String {
        switch self {
        case .clients: "OAuth clients"
        case .roles: "roles"
        case .allowlist: "IP allowlist"
        case .auditLog: "audit log"
        case .usage: "API usage"
        case .scopeRegistry: "scope registry"
        case .permissionCatalog: "permission catalog"
        }
    }

    /// The request it stands for.
    package var request: String {
        switch self {
        case .clients: "GET /api/v2/oauth/clients"
        case .roles: "GET /api/v2/authorization/roles"
        case .allowlist: "GET /api/v2/organizations/authentication/settings"
        case .auditLog: "POST /api/v2/audits/query"
        case .usage: "POST /api/v2/usage/query"
        case .scopeRegistry: "GET /api/v2/oauth/scopes"
        case .permissionCatalog: "GET /api/v2/authorization/permissions"
        }
    }

    /// The permissions of which any one lets the client make the read (the endpoint map's);
    /// empty where the read needs only a scope.
    package var permissions: [String] {
        switch self {
        case .clients: ["oauth:client:view"]
        case .roles: ["authorization:role:view"]
        case .allowlist: ["directory:organization:admin"]
        case .auditLog: ["audits:audit:view"]
        case .usage: ["oauth:client:view", "usage:organization:view"]
        case .scopeRegistry, .permissionCatalog: []
        }
    }

    /// Whether the extraction fails without it; an optional read only makes rules not testable.
    package var isRequired: Bool {
        switch self {
        case .clients, .roles, .allowlist, .auditLog: true
        case .usage, .scopeRegistry, .permissionCatalog: false
        }
    }
}

/// How the platform answered one read.
package struct AccessProbe: Sendable, Equatable {
    package enum Verdict: Sendable, Equatable {
        case answered, forbidden, notServed
        /// Any other failure, as its error said it.
        case failed(String)
    }

    package var read: AccessRead
    package var verdict: Verdict
}
