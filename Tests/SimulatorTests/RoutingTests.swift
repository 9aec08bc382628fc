import Foundation
import Testing
@testable import Simulator

@Suite("Routing: what the router does not route is answered as the API answers it")
struct RoutingTests {
    @Test("A served path asked with another method is the API's 405, counted for its route, before any token check")
    func wrongMethodIsTheAPIs405() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 1_000)) { fixture in
            let clients = try await fixture.client.send("DELETE", "/api/v2/oauth/clients")
            #expect(clients.status == 405)
            #expect(clients.text == #"{"status":405,"code":"method.not.allowed","message":"DELETE is not allowed on /api/v2/oauth/clients"}"#)
            #expect(clients.headers["content-type"] == "application/json; charset=utf-8")
            #expect(try await fixture.client.send("GET", "/oauth/token").status == 405)
            #expect(try await fixture.client.send("HEAD", "/api/v2/auditlogs").status == 405)
            let stats = fixture.server.stats
            #expect(stats.clientListRequests == 1)
            #expect(stats.tokenRequests == 1)
            #expect(stats.auditLogRequests == 1)
            #expect(stats.unauthorized == 0)
            #expect(stats.unknownRequests == 0)
        }
    }

    @Test("A path with an empty segment is a 404, though Hummingbird's router would skip the segment")
    func emptySegmentIsNotFound() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 1_000)) { fixture in
            let token = try await fixture.client.bearer()
            let trailing = try await fixture.client.get("/api/v2/oauth/clients/", token: token)
            #expect(trailing.status == 404)
            #expect(trailing.text == #"{"status":404,"code":"not.found","message":"No resource at /api/v2/oauth/clients/"}"#)
            #expect(try await fixture.client.get("/api/v2//auditlogs", token: token).status == 404)
            #expect(try await fixture.client.get("/", token: token).status == 404)
            let stats = fixture.server.stats
            #expect(stats.unknownRequests == 3)
            #expect(stats.clientListRequests == 0)
            #expect(stats.auditLogRequests == 0)
        }
    }

    @Test("Live routes take their ids from the path; a path below them no route serves is a 404")
    func liveRoutesTakeTheirParameters() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let id = try #require(fixture.organization.clients.first?.id)
            let client = try await fixture.client.get("/api/v2/oauth/clients/\(id)", token: token)
            #expect(client.status == 200)
            #expect(try client.json()["id"] as? String == id)
            #expect(try await fixture.client.send("POST", "/api/v2/oauth/clients/\(id)").status == 405)
            #expect(try await fixture.client.get("/api/v2/oauth/clients/\(id)/secret", token: token).status == 404)
            #expect(try await fixture.client.get("/api/v2/audits/query/some-id/other", token: token).status == 404)
            let stats = fixture.server.stats
            #expect(stats.clientRequests == 2)
            #expect(stats.auditQueryRequests == 0)
            #expect(stats.unknownRequests == 2)
        }
    }

    @Test("The download listener counts every request, and answers other paths 404 and other methods 405")
    func downloadListenerAnswersWhatItDoesNotRoute() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let downloads = try #require(fixture.server.downloadBaseURL)
            let elsewhere = try await fixture.client.send("GET", downloads + "/api/v2/oauth/clients")
            #expect(elsewhere.status == 404)
            #expect(elsewhere.text == #"{"status":404,"code":"not.found","message":"No resource at /api/v2/oauth/clients"}"#)
            let posted = try await fixture.client.send("POST", downloads + "/downloads/anything", headers: ["Authorization": "Bearer leaked"])
            #expect(posted.status == 405)
            let stats = fixture.server.stats
            #expect(stats.downloadRequests == 2)
            #expect(stats.downloadRequestsWithAuthorization == 1)
            #expect(stats.unknownRequests == 0)
        }
    }
}
