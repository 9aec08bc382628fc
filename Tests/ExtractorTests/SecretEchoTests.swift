import Extractor
import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

@Suite("Secrets a source echoes back reach no log line, no error and no warehouse table")
struct SecretEchoTests {
    static let secret = "Echoed-Secret-7Qw9zX"
    static let token = "issued-token-Kp3Vr8Lm2"
    static var basic: String { Data("\(HostileFixture.clientID):\(secret)".utf8).base64EncodedString() }
    static var needles: [String] { [secret, basic, token, "\(HostileFixture.clientID):\(secret)"] }

    /// What each echo may put where: nothing of any needle, in any letter case.
    private func expectNoSecrets(_ fixture: HostileFixture, _ error: (any Error)?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let needles = Self.needles.map { $0.lowercased() }
        let errorText = (error.map { "\($0)" } ?? "").lowercased()
        let log = fixture.log.text.lowercased()
        for needle in needles {
            #expect(!errorText.contains(needle), "the error holds a secret: \(errorText)", sourceLocation: sourceLocation)
            #expect(!log.contains(needle), "a log line holds a secret:\n\(log)", sourceLocation: sourceLocation)
        }
        let places = try WarehouseText.all(at: fixture.warehousePath).filter { value in needles.contains { value.text.lowercased().contains($0) } }.map(\.place)
        #expect(places.isEmpty, "secrets stored in \(places)", sourceLocation: sourceLocation)
        for suffix in ["", "-wal"] {
            let bytes = Data((FileManager.default.contents(atPath: fixture.warehousePath + suffix) ?? Data()).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
            for needle in needles {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "a secret is in warehouse.sqlite\(suffix)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("A token endpoint answering 400 with the secret and the Basic header in its error: the run fails as refused credentials, redacted")
    func tokenEndpointEchoesSecret() async throws {
        let server = try await HostileServer.start { router in
            router.post("/oauth/token") { request, _ in
                let header = request.headers[.authorization] ?? ""
                let echo = "invalid_client: secret \(Self.secret) rejected; you sent '\(header)'"
                return HostileServer.json(.badRequest, #"{"error":"\#(echo)","description":"\#(header)"}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(secret: Self.secret), warehouse: warehouse)
        let error = await #expect(throws: SourceError.self) { try await extractor.run() }
        #expect(error?.code == .credentialsRefused)
        #expect(error?.description.contains("refused the client credentials") == true)
        #expect(error?.description.contains("invalid_client") == true, "the error still says what the source said")
        #expect(error?.description.contains(SecretRedactor.marker) == true)
        let run = try #require(try await warehouse.runs().first)
        #expect(run.status == "failed")
        #expect(run.error?.contains("invalid_client") == true)
        try expectNoSecrets(fixture, error)
    }

    @Test("An API echoing the Authorization header in its error body, the token straddling the excerpt's end: every error text is redacted")
    func apiEchoesBearerToken() async throws {
        let pages = Atomic(0)
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing(Self.token))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let header = request.headers[.authorization] ?? ""
                if pages.add(1, ordering: .relaxed).oldValue == 0 {
                    // A 503 first: the retry's log line names the request, which must not carry the echo either.
                    return HostileServer.json(.serviceUnavailable, #"{"message":"busy; you sent \#(header)"}"#)
                }
                // Once whole near the start; once beginning a few characters before the excerpt's 200th:
                // cutting before redacting would leak its start.
                let start = #"{"message":"you sent \#(header)","padding":""#
                let padding = String(repeating: "x", count: 195 - start.count)
                return HostileServer.json(.badRequest, #"\#(start)\#(padding)\#(Self.token) and again"}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(secret: Self.secret), warehouse: warehouse)
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .unexpectedStatus(400))
        #expect(error?.description.contains("first page of window [") == true, "the error still names where it happened")
        #expect(fixture.log.text.contains("HTTP 503"), "the retry was logged")
        let failed = try await warehouse.coverage(of: TimeWindow(fromMillis: 0, toMillis: 1 << 50)).filter { !$0.complete }
        #expect(failed.count == 1)
        #expect(failed.first?.error?.contains("unexpected HTTP 400") == true)
        // The token's first characters must not survive either: look for a prefix of it.
        let stored = failed.first?.error ?? ""
        #expect(!stored.contains(String(Self.token.prefix(6))), "\(stored)")
        try expectNoSecrets(fixture, error)
    }

    @Test("Echoes lower- and upper-cased: the token endpoint's error and an API's body carry the secret, the Basic value and the token case-changed; all redacted")
    func caseChangedEchoes() async throws {
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing(Self.token))
            router.get("/api/v2/oauth/clients", use: HostileServer.emptyListing)
            router.get("/api/v2/auditlogs") { request, _ in
                let header = request.headers[.authorization] ?? ""
                let echo = "you sent \(header.lowercased()) and \(header.uppercased()); secret \(Self.secret.lowercased()) \(Self.basic.uppercased())"
                return HostileServer.json(.badRequest, #"{"message":"\#(echo)"}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(secret: Self.secret), warehouse: warehouse)
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .unexpectedStatus(400))
        #expect(error?.description.contains("you sent bearer \(SecretRedactor.marker) and BEARER \(SecretRedactor.marker)") == true, "\(error.map { "\($0)" } ?? "")")
        try expectNoSecrets(fixture, error)

        let refusing = try await HostileServer.start { router in
            router.post("/oauth/token") { request, _ in
                let header = request.headers[.authorization] ?? ""
                return HostileServer.json(.badRequest, #"{"error":"invalid_client \#(Self.secret.uppercased()) \#(header.lowercased())"}"#)
            }
        }
        let second = HostileFixture(server: refusing)
        defer { Task { await second.tearDown() } }
        let refused = await #expect(throws: SourceError.self) {
            try await second.extractor(api: try second.api(secret: Self.secret), warehouse: try Warehouse(path: second.warehousePath)).run()
        }
        #expect(refused?.code == .credentialsRefused)
        try expectNoSecrets(second, refused)
    }

    @Test("A token endpoint's error spelling the secret with HTML entities, an escaped letter beyond ASCII or in NFD: withheld from the error, the log and the warehouse; the hint stays", arguments: [
        "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa&lt;&amp;&gt;&quot;", "Zq8/xP+r4T=kLm9vW2sN\\\\u00e97Qa<&>\\\"", "Zq8/xP+r4T=kLm9vW2sN&#233;7Qa<&>\\\"",
        "Zq8/xP+r4T=kLm9vW2sNe\u{301}7Qa<&>\\\"",
    ])
    func tokenEndpointEchoesEncodedSecret(echo: String) async throws {
        let secret = "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&>\""
        let server = try await HostileServer.start { router in
            router.post("/oauth/token") { _, _ in
                HostileServer.json(.badRequest, #"{"error":"invalid_client: you sent \#(echo)"}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let error = await #expect(throws: SourceError.self) {
            try await fixture.extractor(api: try fixture.api(secret: secret), warehouse: warehouse).run()
        }
        #expect(error?.code == .credentialsRefused)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(SecretRedactor.withheld) && text.contains("for client id '\(HostileFixture.clientID)'"), "\(text)")
        let stored = try #require(try await warehouse.runs().first?.error)
        for place in [text, stored, fixture.log.text] {
            #expect(!place.lowercased().contains("klm9vw2sn"), "\(place)")
        }
    }

    @Test("An error text of megabytes is stored cut to 2,000 characters with a marker")
    func hugeErrorIsCapped() async throws {
        let server = try await HostileServer.start { router in
            router.post("/oauth/token") { _, _ in
                HostileServer.json(.badRequest, #"{"error":"\#(String(repeating: "spam ", count: 400_000))"}"#)
            }
        }
        let fixture = HostileFixture(server: server)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try Warehouse(path: fixture.warehousePath)
        let extractor = fixture.extractor(api: try fixture.api(secret: Self.secret), warehouse: warehouse)
        await #expect(throws: SourceError.self) { try await extractor.run() }
        let stored = try #require(try await warehouse.runs().first?.error)
        #expect(stored.count <= ErrorText.maxLength + 60, "\(stored.count) characters stored")
        #expect(stored.contains("more characters cut]"))
        #expect(stored.contains("spam spam"))
    }
}
