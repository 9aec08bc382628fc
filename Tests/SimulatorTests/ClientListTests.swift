import Foundation
import Testing
@testable import Simulator

@Suite("OAuth client list")
struct ClientListTests {
    static let specFields = [
        "id", "name", "description", "type", "grantType", "redirectUris", "scopes", "allowAccessToAllUsers",
        "isThirdParty", "state", "dateCreated", "dateModified", "secretLastRotated",
    ]

    @Test("Pages of clients add up to every client, with every field of the spec")
    func pagesCoverEveryClient() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            var seen: [[String: Any]] = []
            for page in 1...4 {
                let answer = try await fixture.client.get("/api/v2/oauth/clients?pageSize=7&pageNumber=\(page)", token: token)
                #expect(answer.status == 200)
                let json = try answer.json()
                #expect(json["total"] as? Int == fixture.organization.clients.count)
                #expect(json["pageCount"] as? Int == 4)
                #expect(json["pageNumber"] as? Int == page)
                #expect(json["pageSize"] as? Int == 7)
                seen += json["entities"] as? [[String: Any]] ?? []
            }
            #expect(seen.compactMap { $0["id"] as? String } == fixture.organization.clients.map(\.id))
            for client in seen {
                for field in Self.specFields {
                    #expect(client[field] != nil, "\(client["name"] ?? "?") lacks \(field)")
                }
            }
            let withWhitelist = seen.filter { $0["ipWhitelist"] != nil }
            #expect(withWhitelist.count == seen.count - 1, "exactly the AL-1 client has no ipWhitelist")
            #expect(seen.contains { $0["accessTokenValiditySeconds"] as? Int == 86_400 })
            #expect(seen.contains { ($0["partnerMetadata"] as? [String: Any])?["tier"] as? String == "gold" })
            #expect(seen.contains { $0["name"] as? String == "legacy-sync-tool" })
        }
    }

    @Test("pageSize above 500 and pageNumber 0 are refused with a JSON 400")
    func badPagingIsRefused() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            for query in ["pageSize=501", "pageSize=0", "pageNumber=0", "pageSize=ten"] {
                let answer = try await fixture.client.get("/api/v2/oauth/clients?\(query)", token: token)
                #expect(answer.status == 400, "\(query)")
                #expect((try answer.json()["message"] as? String)?.isEmpty == false)
            }
            #expect(fixture.server.stats.badRequests == 4)
        }
    }

    @Test("updateClient changes what is served and logs an oauthclient.update with the changes")
    func updatesAreServedAndLogged() async throws {
        try await SimulatorFixture.with { fixture in
            let organization = fixture.organization
            let target = try #require(organization.clients.first)
            fixture.clock.advance(by: .seconds(3_600))
            let changed = organization.updateClient(id: target.id) { client in
                client.scopes.append("users:read")
                client.ipWhitelist = (client.ipWhitelist ?? []) + ["52.0.0.0/16"]
            }
            #expect(changed)
            #expect(!organization.updateClient(id: "no-such-client") { $0.name = "x" })
            let token = try await fixture.client.bearer()
            let list = try await fixture.client.get("/api/v2/oauth/clients?pageSize=500", token: token).json()
            let served = try #require((list["entities"] as? [[String: Any]])?.first)
            #expect((served["scopes"] as? [String])?.last == "users:read")
            #expect(served["dateModified"] as? String == SimulatorFixture.text(fixture.clock.now))

            let now = fixture.clock.now
            let window = try await fixture.fetchWindow(from: now.addingTimeInterval(-1), to: now.addingTimeInterval(1), token: token)
            let update = try #require(window.events.first { $0["action"] as? String == "oauthclient.update" })
            #expect(update["resourceId"] as? String == target.id)
            #expect(update["actorType"] as? String == "user")
            #expect(update["timestamp"] as? String == SimulatorFixture.text(now))
            let changes = try #require((update["details"] as? [String: Any])?["changes"] as? [String: Any])
            let scopes = try #require(changes["scopes"] as? [String: Any])
            #expect(scopes["old"] as? [String] == target.scopes)
            #expect(scopes["new"] as? [String] == target.scopes + ["users:read"])
            #expect(changes["ipWhitelist"] != nil)
            #expect(changes["name"] == nil)
            #expect(organization.eventIDs(visibleAt: now).contains(update["id"] as? String ?? ""))
        }
    }
}
