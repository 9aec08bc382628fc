import Foundation
import Testing
@testable import Simulator

/// The live dialect's known-grant registries, the audit service mapping and the extractor's own
/// client, as `GET /api/v2/oauth/scopes`, `/api/v2/authorization/permissions`,
/// `/api/v2/audits/query/servicemapping` and `/api/v2/oauth/clients/{id}` answer them (source-api.md section 4).
@Suite("Live dialect: registries, service mapping, the extractor's own client")
struct LiveRegistryTests {
    @Test("The scope registry is one OAuthScopeListing; the permission catalog pages DomainPermissionCollections whose permissionMap expands to the catalog")
    func registries() async throws {
        try await SimulatorFixture.with(LiveQuery.options(scale: 100)) { fixture in
            let token = try await fixture.client.bearer()
            let scopes = try await fixture.client.get("/api/v2/oauth/scopes", token: token).json()
            let ids = (scopes["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == LiveRegistry.scopes && scopes["total"] as? Int == ids.count)
            #expect(ids.contains("routing:readonly"))

            var permissions: [String] = []
            var page = 1
            while true {
                let json = try await fixture.client.get("/api/v2/authorization/permissions?pageSize=2&pageNumber=\(page)", token: token).json()
                for collection in json["entities"] as? [[String: Any]] ?? [] {
                    let map = collection["permissionMap"] as? [String: [[String: Any]]] ?? [:]
                    for (entity, list) in map {
                        for permission in list {
                            #expect(permission["entityType"] as? String == entity && permission["domain"] as? String == collection["domain"] as? String)
                            permissions.append("\(permission["domain"] as? String ?? ""):\(entity):\(permission["action"] as? String ?? "")")
                        }
                    }
                }
                guard page < (json["pageCount"] as? Int ?? 0) else { break }
                page += 1
            }
            #expect(page > 2, "the catalog spans pages")
            #expect(permissions.sorted() == LiveRegistry.permissions)
            #expect(!permissions.contains("routing:queue:raed"), "a planted misspelling is in no registry")
        }
    }

    @Test("The service mapping answers beside the transaction routes; an unknown transaction still answers 404")
    func serviceMapping() async throws {
        try await SimulatorFixture.with(LiveQuery.options(scale: 100)) { fixture in
            let token = try await fixture.client.bearer()
            let mapping = try await fixture.client.get("/api/v2/audits/query/servicemapping", token: token)
            #expect(mapping.status == 200)
            let services = try mapping.json()["services"] as? [[String: Any]] ?? []
            let people = services.first { $0["name"] as? String == "PeoplePermissions" }
            let entities = (people?["entities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(entities.contains("OAuthClient") && entities.contains("AccessToken"))
            #expect(try await fixture.client.get("/api/v2/audits/query/no-such-transaction", token: token).status == 404)
        }
    }

    @Test("The extractor's own client is served by id, not listed; its role is listed, with writes only under overgrant")
    func ownClient() async throws {
        for overgrant in [false, true] {
            var options = LiveQuery.options(scale: 100)
            options.faults.overgrantedAuditor = overgrant
            try await SimulatorFixture.with(options) { fixture in
                let token = try await fixture.client.bearer()
                let own = try await fixture.client.get("/api/v2/oauth/clients/demo-extractor", token: token).json()
                #expect(own["authorizedGrantType"] as? String == "CLIENT-CREDENTIALS")
                let roleID = try #require((own["roleDivisions"] as? [[String: Any]])?.first?["roleId"] as? String)
                let listing = try await LiveClientTests.listing(fixture, token: token)
                #expect(!listing.contains { $0["id"] as? String == "demo-extractor" })
                let role = try #require(try await LiveClientTests.roles(fixture, token: token)[roleID])
                let expected = Set(LiveRegistry.auditorPermissions + (overgrant ? LiveRegistry.overgrantedPermissions : []))
                #expect(LiveClientTests.expand(role) == expected)
            }
        }
    }
}
