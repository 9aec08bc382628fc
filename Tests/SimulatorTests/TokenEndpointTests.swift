import Foundation
import Testing
@testable import Simulator

@Suite("Token endpoint and bearer tokens")
struct TokenEndpointTests {
    @Test("Wrong credentials get a 401 invalid_client that never echoes the secret")
    func wrongCredentialsAreRefused() async throws {
        try await SimulatorFixture.with { fixture in
            let answer = try await fixture.client.token(id: "demo-extractor", secret: "hunter2-wrong")
            #expect(answer.status == 401)
            #expect(try answer.json()["error"] as? String == "invalid_client")
            #expect(try answer.json()["description"] is String)
            #expect(!answer.text.contains("hunter2-wrong"))
            #expect(!answer.text.contains("demo-secret"))
            let unknown = try await fixture.client.token(id: "someone-else", secret: "demo-secret")
            #expect(unknown.status == 401)
            #expect(!unknown.text.contains("demo-secret"))
            let missing = try await fixture.client.send("POST", "/oauth/token", body: Data("grant_type=client_credentials".utf8))
            #expect(missing.status == 401)
            #expect(fixture.server.stats.unauthorized == 3)
            #expect(fixture.server.stats.tokensIssued == 0)
        }
    }

    @Test("The right credentials get a bearer token valid for a day")
    func rightCredentialsGetAToken() async throws {
        try await SimulatorFixture.with { fixture in
            let answer = try await fixture.client.token(id: "demo-extractor", secret: "demo-secret")
            #expect(answer.status == 200)
            let json = try answer.json()
            #expect(json["token_type"] as? String == "bearer")
            #expect(json["expires_in"] as? Int == 86_400)
            #expect((json["access_token"] as? String)?.isEmpty == false)
            #expect(fixture.server.stats.tokensIssued == 1)
        }
    }

    @Test("Only grant_type=client_credentials is accepted")
    func otherGrantsAreRefused() async throws {
        try await SimulatorFixture.with { fixture in
            let basic = Data("demo-extractor:demo-secret".utf8).base64EncodedString()
            let answer = try await fixture.client.send("POST", "/oauth/token", headers: ["Authorization": "Basic \(basic)"],
                                                       body: Data("grant_type=password".utf8))
            #expect(answer.status == 400)
            #expect(try answer.json()["error"] as? String == "unsupported_grant_type")
        }
    }

    @Test("Custom credentials from the options are the only ones accepted")
    func customCredentials() async throws {
        let options = SimulatorOptions(scale: 1_000, clientID: "ci-client", clientSecret: "ci-secret")
        try await SimulatorFixture.with(options) { fixture in
            let demo = try await fixture.client.token(id: "demo-extractor", secret: "demo-secret")
            let custom = try await fixture.client.token(id: "ci-client", secret: "ci-secret")
            #expect(demo.status == 401)
            #expect(custom.status == 200)
        }
    }

    @Test("API calls need an issued token; revoked and expired tokens get a 401")
    func apiCallsNeedAValidToken() async throws {
        try await SimulatorFixture.with { fixture in
            let path = "/api/v2/oauth/clients?pageSize=1"
            #expect(try await fixture.client.send("GET", path).status == 401)
            #expect(try await fixture.client.get(path, token: "forged").status == 401)
            let token = try await fixture.client.bearer()
            #expect(try await fixture.client.get(path, token: token).status == 200)

            fixture.server.revokeTokens()
            let revoked = try await fixture.client.get(path, token: token)
            #expect(revoked.status == 401)
            #expect(try revoked.json()["status"] as? Int == 401)
            let fresh = try await fixture.client.bearer()
            #expect(try await fixture.client.get(path, token: fresh).status == 200)

            fixture.clock.advance(by: .seconds(86_401))
            #expect(try await fixture.client.get(path, token: fresh).status == 401)
            #expect(fixture.server.stats.unauthorized == 4)
        }
    }

    @Test("An unknown path is a JSON 404, and a wrong method a JSON 405")
    func unknownPathIsNotFound() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let missing = try await fixture.client.get("/api/v2/nothing/here", token: token)
            #expect(missing.status == 404)
            #expect(try missing.json()["code"] as? String == "not.found")
            let wrongMethod = try await fixture.client.send("DELETE", "/api/v2/auditlogs", headers: ["Authorization": "Bearer \(token)"])
            #expect(wrongMethod.status == 405)
            #expect(fixture.server.stats.unknownRequests == 1)
        }
    }
}
