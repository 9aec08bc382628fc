import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport

@Suite("A redirect is followed only where the configured URLs could go")
struct RedirectRuleTests {
    /// A server whose `/results` redirects to `location(port)` and whose `/page` answers a page.
    private func server(redirectingTo location: @escaping @Sendable (Int) -> String) async throws -> HostileFixture {
        let port = Port()
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("redirect-token"))
            router.get("/results") { _, _ in
                HostileServer.json(.found, #"{"downloadUrl":"elsewhere"}"#, headers: [("Location", location(port.value))])
            }
            router.get("/page") { _, _ in HostileServer.json(.ok, #"{"entities":[]}"#) }
        }
        port.value = server.port
        return HostileFixture(server: server)
    }

    @Test("A redirect to plain http on a name that only starts like 127.0.0.1 is refused, naming the target")
    func refusesLookalikeLoopback() async throws {
        let fixture = try await server { "http://127.0.0.1.nip.io:\($0)/page" }
        defer { Task { await fixture.tearDown() } }
        let api = try fixture.api()
        let error = await #expect(throws: SourceError.self) {
            _ = try await api.call(.GET, "/results", label: "results page 1", followsRedirect: true)
        }
        #expect(error?.code == .insecureRedirect)
        #expect(error?.description.contains("127.0.0.1.nip.io") == true)
        #expect(error?.description.contains("results page 1") == true)
    }

    @Test("A redirect to plain http on the loopback address is followed")
    func followsLoopback() async throws {
        let fixture = try await server { "http://127.0.0.1:\($0)/page" }
        defer { Task { await fixture.tearDown() } }
        let response = try await fixture.api().call(.GET, "/results", label: "results page 1", followsRedirect: true)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"entities":[]}"#)
    }
}

/// The port a server learns once it listens, for routes written before.
final class Port: Sendable {
    private let stored = Atomic<Int>(0)
    var value: Int {
        get { stored.load(ordering: .acquiring) }
        set { stored.store(newValue, ordering: .releasing) }
    }
}
