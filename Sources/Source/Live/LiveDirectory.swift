import Logging
import PartnerAuditCore

/// The live dialect's OAuth clients with their effective grants and allowlist (source-api.md section 4).
///
/// `GET /api/v2/oauth/clients` takes no query parameters and answers every client in one
/// listing. A client-credentials client's grant is its roles (`roleDivisions`, or the deprecated
/// `roleIds` where that is the only list): their permission policies expand to
/// `domain:entity:action` permissions, stored as the client's grants, and each role with its
/// division is recorded as a `RoleGrant`. The IP allowlist is the organisation's
/// (`ipAddressAllowlist`, or the older `networkWhitelist`), applied to every client. A client's
/// `secret`, which older organisations still return, is dropped before anything is kept.
struct LiveDirectory: Sendable {
    static let clientsPath = "/api/v2/oauth/clients"

    let api: APIClient
    let pageSize: Int
    let logger: Logger
    /// Client resources read side by side when a listing leaves the grant type out.
    var concurrency = 1

    func clients() async throws -> [ClientSnapshot] {
        let roles = try await self.roles()
        let allowlist = try await organizationAllowlist()
        var entities = try await listing()
        // Listings before early 2026 left the grant type out; the client's own resource has it.
        let incomplete = entities.indices.filter { entities[$0]["authorizedGrantType"] == nil && entities[$0]["id"]?.nonEmptyString != nil }
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            var pending = incomplete.makeIterator()
            for _ in 0..<max(concurrency, 1) {
                guard let index = pending.next(), let id = entities[index]["id"]?.nonEmptyString else { break }
                group.addTask { (index, try await resource(of: id)) }
            }
            while let (index, entity) = try await group.next() {
                entities[index] = entity
                if let next = pending.next(), let id = entities[next]["id"]?.nonEmptyString {
                    group.addTask { (next, try await resource(of: id)) }
                }
            }
        }
        return try entities.map { try snapshot($0, roles: roles, allowlist: allowlist) }
    }

    /// `GET /api/v2/oauth/clients/{id}`, its secret dropped.
    private func resource(of id: String) async throws -> JSONValue {
        let path = "\(Self.clientsPath)/\(APIClient.pathSegment(id))"
        return try parse(try await api.call(.GET, path, label: "OAuth client \(id)"), request: "GET \(path)")
            .removingKeys(ClientSnapshot.secretFields)
    }

    /// One client by id (`GET /api/v2/oauth/clients/{id}`) with its roles' permissions as its
    /// grants; `doctor` reads the tool's own client so.
    func client(id: String) async throws -> ClientSnapshot {
        let roles = try await self.roles()
        return try snapshot(try await resource(of: id), roles: roles, allowlist: [])
    }

    /// The one unpaged listing, each client's secret-bearing fields already removed; a listing
    /// that says it has more pages is refused, since this endpoint has no way to ask for them.
    private func listing() async throws -> [JSONValue] {
        let request = "GET \(Self.clientsPath)"
        let page = try SourcePage(try await api.call(.GET, Self.clientsPath, label: "OAuth clients"), label: request, keepsEntityTexts: false)
        if let count = page.count("pageCount"), count > 1 {
            throw SourceError(.malformedResponse, request: request,
                              message: "the listing says it has \(count) pages, but this endpoint takes no paging parameters")
        }
        return page.entities.map { $0.removingKeys(ClientSnapshot.secretFields) }
    }

    /// Every role by id, with its permissions expanded.
    private func roles() async throws -> [String: LiveRole] {
        var roles: [String: LiveRole] = [:]
        for (entity, _) in try await api.numberedListing("/api/v2/authorization/roles", what: "roles", pageSize: pageSize) {
            do {
                let role = try LiveRole(json: entity)
                roles[role.id] = role
            } catch {
                throw SourceError(.malformedResponse, request: "GET /api/v2/authorization/roles", message: "\(error)")
            }
        }
        return roles
    }

    /// The organisation-wide allowlist: `ipAddressAllowlist`, or `networkWhitelist` where the newer endpoint is missing (404).
    private func organizationAllowlist() async throws -> [String] {
        let settings = "/api/v2/organizations/authentication/settings"
        do {
            let json = try parse(try await api.call(.GET, settings, label: "organisation authentication settings"), request: "GET \(settings)")
            return try list(json, "ipAddressAllowlist", request: "GET \(settings)")
        } catch let error as SourceError where error.code == .unexpectedStatus(404) {
            let legacy = "/api/v2/organizations/ipaddressauthentication"
            logger.info("\(settings) is not served (404); reading the allowlist from \(legacy)")
            let json = try parse(try await api.call(.GET, legacy, label: "organisation IP address authentication"), request: "GET \(legacy)")
            return try list(json, "networkWhitelist", request: "GET \(legacy)")
        }
    }

    /// The client as a snapshot whose grants are its roles' permissions (client credentials) or
    /// its `scope` (other grants), and whose allowlist is the organisation's.
    private func snapshot(_ entity: JSONValue, roles: [String: LiveRole], allowlist: [String]) throws -> ClientSnapshot {
        var client: ClientSnapshot
        do {
            client = try ClientSnapshot(sourceJSON: entity)
        } catch {
            throw SourceError(.malformedResponse, request: "GET \(Self.clientsPath)", message: "\(error)")
        }
        var resolved: [RoleGrant] = []
        if client.grantType == .clientCredentials {
            for (roleID, division) in try Self.roleAssignments(entity, client: client.id) {
                guard let role = roles[roleID] else {
                    throw SourceError(.malformedResponse, request: "GET \(Self.clientsPath)",
                        message: "OAuth client \(client.id) holds role \(roleID), which GET /api/v2/authorization/roles does not list")
                }
                resolved.append(role.grant(division: division))
            }
            client.scopes = Set(resolved.flatMap(\.permissions)).sorted()
        }
        client.ipAllowlist = allowlist
        client.ipAllowlistScope = .organization
        // The stored JSON is the client with what the other endpoints said of it, so a change to a
        // role or to the organisation's allowlist is a change in the client's history too.
        guard case .object(var members) = entity.removingKeys(ClientSnapshot.secretFields) else { return client }
        members[ClientSnapshot.resolvedRolesKey] = .array(resolved.map(\.json))
        members["organizationIpAllowlist"] = .array(allowlist.map(JSONValue.string))
        if let path = JSONValue.object(members).pathToNUL {  // a role's or the allowlist's text, read from their own endpoints
            throw SourceError(.malformedResponse, request: "GET \(Self.clientsPath)",
                message: "\(SourceDataError(what: "OAuth client \(client.id)", field: path, reason: JSONValue.nulReason))")
        }
        client.rawJSON = JSONValue.object(members).canonicalText
        return client
    }

    /// `(roleId, divisionId)` of each `roleDivisions` entry; where there is none, each of the
    /// deprecated `roleIds` with no division.
    private static func roleAssignments(_ entity: JSONValue, client: String) throws -> [(role: String, division: String?)] {
        let divisions = entity["roleDivisions"]?.arrayValue ?? []
        if !divisions.isEmpty {
            return try divisions.map { assignment in
                guard let role = assignment["roleId"]?.nonEmptyString else {
                    throw SourceError(.malformedResponse, request: "GET \(clientsPath)", message: "OAuth client \(client) has a roleDivisions entry without a roleId")
                }
                return (role, assignment["divisionId"]?.nonEmptyString)
            }
        }
        guard let ids = entity["roleIds"], ids != .null else { return [] }
        guard let list = ids.stringArray else {
            throw SourceError(.malformedResponse, request: "GET \(clientsPath)", message: "OAuth client \(client): 'roleIds' is not a list of strings")
        }
        return list.filter { !$0.isEmpty }.map { ($0, nil) }
    }

    private func parse(_ response: APIResponse, request: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw SourceError(.malformedResponse, request: request, message: "\(error)")
        }
    }

    private func list(_ json: JSONValue, _ key: String, request: String) throws -> [String] {
        guard let value = json[key], value != .null else { return [] }
        guard let list = value.stringArray else {
            throw SourceError(.malformedResponse, request: request, message: "'\(key)' is not a list of strings")
        }
        return list
    }
}
