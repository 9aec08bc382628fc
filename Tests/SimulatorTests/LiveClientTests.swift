import Foundation
import Testing
@testable import Simulator

@Suite("Live dialect: OAuth clients and roles")
struct LiveClientTests {
    /// Every client: the one unpaged listing.
    static func listing(_ fixture: SimulatorFixture, token: String) async throws -> [[String: Any]] {
        let json = try await fixture.client.get("/api/v2/oauth/clients", token: token).json()
        let clients = json["entities"] as? [[String: Any]] ?? []
        #expect(json["pageCount"] as? Int == 1 && json["total"] as? Int == clients.count && json["nextUri"] == nil)
        return clients
    }

    /// Every role, by id.
    static func roles(_ fixture: SimulatorFixture, token: String) async throws -> [String: [String: Any]] {
        let json = try await fixture.client.get("/api/v2/authorization/roles?pageSize=500", token: token).json()
        let roles = json["entities"] as? [[String: Any]] ?? []
        #expect(json["total"] as? Int == roles.count)
        return Dictionary(uniqueKeysWithValues: roles.compactMap { role in (role["id"] as? String).map { ($0, role) } })
    }

    /// `domain:entity:action` for each action of each policy of a role.
    static func expand(_ role: [String: Any]) -> Set<String> {
        Set((role["permissionPolicies"] as? [[String: Any]] ?? []).flatMap { policy in
            (policy["actionSet"] as? [String] ?? []).map { "\(policy["domain"] as? String ?? ""):\(policy["entityName"] as? String ?? ""):\($0)" }
        })
    }

    @Test("One unpaged listing carries every client as a full OAuthClient without ipWhitelist; paging parameters change nothing")
    func clientsHaveNoAllowlist() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let clients = try await Self.listing(fixture, token: token)
            #expect(clients.compactMap { $0["id"] as? String } == fixture.organization.clients.map(\.id))
            #expect(clients.allSatisfy { $0["ipWhitelist"] == nil })
            for field in ["id", "name", "accessTokenValiditySeconds", "registeredRedirectUri", "state", "dateCreated", "dateModified",
                          "createdBy", "modifiedBy"] {
                #expect(clients.allSatisfy { $0[field] != nil }, "\(field)")
            }
            #expect(clients.contains { ($0["partnerMetadata"] as? [String: Any])?["tier"] as? String == "gold" })
            let paged = try await fixture.client.get("/api/v2/oauth/clients?pageSize=10&pageNumber=3", token: token).json()
            #expect((paged["entities"] as? [[String: Any]])?.count == clients.count, "the endpoint takes no query parameters")
            #expect(try await fixture.client.get("/api/v2/auditlogs", token: token).status == 404)
        }
    }

    @Test("Client-credentials clients hold roles, not scopes, and their roles expand to the translated scopes")
    func rolesExpandToTranslatedScopes() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let served = try await Self.listing(fixture, token: token)
            let roles = try await Self.roles(fixture, token: token)
            var credentialClients = 0
            var onlyRoleIDs: [String] = []
            for (client, json) in zip(fixture.organization.clients, served) {
                if client.grantType == "client_credentials" {
                    credentialClients += 1
                    #expect(json["scope"] == nil, "\(client.name)")
                    let roleIds = try #require(json["roleIds"] as? [String], "\(client.name)")
                    #expect(roleIds.count == 1)
                    let roleId = try #require(roleIds.first)
                    if let grants = json["roleDivisions"] as? [[String: Any]] {
                        #expect(grants.count == 1 && grants.first?["roleId"] as? String == roleId)
                        let expected = client.id == fixture.organization.everyDivisionClientID ? "*" : fixture.organization.homeDivisionID
                        #expect(grants.first?["divisionId"] as? String == expected, "\(client.name)")
                    } else {
                        onlyRoleIDs.append(client.id)
                    }
                    let role = try #require(roles[roleId], "\(client.name)'s role \(roleId) is listed")
                    #expect(Self.expand(role) == Set(client.scopes.map(LivePermissions.permission(forScope:))), "\(client.name)")
                } else {
                    #expect(json["roleDivisions"] == nil)
                    #expect(json["scope"] as? [String] == client.scopes)
                }
            }
            #expect(credentialClients == fixture.organization.clients.count - 1, "all but the LP-4 app")
            #expect(roles.count < credentialClients, "clients with the same grant share a role")
            let wildcard = fixture.organization.clients.first { $0.scopes == ["*"] }
            let wildcardRole = try #require(wildcard.flatMap { fixture.organization.liveRoleID(of: $0) }.flatMap { roles[$0] })
            #expect(Self.expand(wildcardRole) == ["*:*:*"])
            #expect(onlyRoleIDs == fixture.organization.liveRoleIDsOnlyClients && onlyRoleIDs.count >= 3, "some name their role only in roleIds")
            #expect(served.filter { ($0["roleDivisions"] as? [[String: Any]])?.first?["divisionId"] as? String == "*" }.count == 1,
                    "one role is granted in every division")
        }
    }

    @Test("Some clients come with the secret older organisations still return, each its own")
    func someClientsCarryTheirSecret() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let served = try await Self.listing(fixture, token: token)
            let carriers = served.filter { $0["secret"] != nil }.compactMap { $0["id"] as? String }
            #expect(carriers == fixture.organization.liveSecretCarriers && carriers.count >= 5)
            for client in fixture.organization.clients where carriers.contains(client.id) {
                #expect(served.first { $0["id"] as? String == client.id }?["secret"] as? String == fixture.organization.liveSecret(of: client))
            }
        }
    }

    @Test("A client listed without authorizedGrantType has it at /api/v2/oauth/clients/{id}")
    func omittedGrantTypeIsInTheDetail() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let served = try await Self.listing(fixture, token: token)
            let omitted = served.filter { $0["authorizedGrantType"] == nil }
            #expect(omitted.count == 4)
            for listed in omitted {
                let id = try #require(listed["id"] as? String)
                let detail = try await fixture.client.get("/api/v2/oauth/clients/\(id)", token: token)
                #expect(detail.status == 200)
                let grant = try #require(try detail.json()["authorizedGrantType"] as? String)
                #expect(["CLIENT-CREDENTIALS", "CODE"].contains(grant))
            }
            #expect(omitted.contains { $0["scope"] != nil }, "the authorization-code app is among them")
            let unknown = try await fixture.client.get("/api/v2/oauth/clients/no-such-client", token: token)
            #expect(unknown.status == 404)
            #expect((try unknown.json()["message"] as? String)?.isEmpty == false)
        }
    }

    @Test("The live policy approves the partners' scopes translated to permissions, then the scopes (apps of other grant types hold those)")
    func livePolicyTranslatesScopes() {
        let live = SimulatedOrganization(options: LiveQuery.options(), start: SimulatorFixture.start).policyYAML
        let guide = SimulatedOrganization(options: SimulatorOptions(scale: 2_000, days: 20), start: SimulatorFixture.start).policyYAML
        #expect(live.contains("    approvedScopes: [routing:queue:view, conversation:communication:view, analytics:reportingExport:view, routing:queue:read, interaction:read, analytics:report:read]"))
        #expect(guide.contains("    approvedScopes: [routing:queue:read, interaction:read, analytics:report:read]"))
        #expect(live.components(separatedBy: "\n").count == guide.components(separatedBy: "\n").count)
    }
}
