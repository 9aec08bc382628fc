import Logging
import PartnerAuditCore

/// The live dialect's OAuth clients with their effective grants and allowlist (source-api.md section 4).
///
/// A client-credentials client's grant is its roles: their permission policies expand to
/// `domain:entity:action` permissions, stored as the client's grants. The IP allowlist is the
/// organisation's (`ipAddressAllowlist`, or the older `networkWhitelist`), applied to every client.
struct LiveDirectory: Sendable {
    let api: APIClient
    let pageSize: Int
    let logger: Logger

    func clients() async throws -> [ClientSnapshot] {
        let roles = try await self.roles()
        let allowlist = try await organizationAllowlist()
        var clients: [ClientSnapshot] = []
        for (listed, _) in try await api.numberedListing("/api/v2/oauth/clients", what: "OAuth clients", pageSize: pageSize) {
            var entity = listed
            if entity["authorizedGrantType"] == nil, let id = entity["id"]?.nonEmptyString {
                // The listing may leave the grant type out; the client's own resource has it.
                let path = "/api/v2/oauth/clients/\(APIClient.pathSegment(id))"
                entity = try parse(try await api.call(.GET, path, label: "OAuth client \(id)"), request: "GET \(path)")
            }
            clients.append(try snapshot(entity, roles: roles, allowlist: allowlist))
        }
        return clients
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
            throw SourceError(.malformedResponse, request: "GET /api/v2/oauth/clients", message: "\(error)")
        }
        var resolved: [JSONValue] = []
        if client.grantType == .clientCredentials {
            var permissions = Set<String>()
            for assignment in entity["roleDivisions"]?.arrayValue ?? [] {
                guard let roleID = assignment["roleId"]?.nonEmptyString else { continue }
                guard let role = roles[roleID] else {
                    throw SourceError(.malformedResponse, request: "GET /api/v2/oauth/clients",
                        message: "OAuth client \(client.id) holds role \(roleID), which GET /api/v2/authorization/roles does not list")
                }
                permissions.formUnion(role.permissions)
                resolved.append(role.json(division: assignment["divisionId"]?.stringValue))
            }
            client.scopes = permissions.sorted()
        }
        client.ipAllowlist = allowlist
        client.ipAllowlistScope = .organization
        // The stored JSON is the client with what the other endpoints said of it, so a change to a
        // role or to the organisation's allowlist is a change in the client's history too.
        guard case .object(var members) = entity.removingKeys(ClientSnapshot.secretFields) else { return client }
        members["resolvedRoles"] = .array(resolved)
        members["organizationIpAllowlist"] = .array(allowlist.map(JSONValue.string))
        client.rawJSON = JSONValue.object(members).canonicalText
        return client
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
