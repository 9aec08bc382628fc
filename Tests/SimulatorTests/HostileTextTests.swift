import Foundation
import Testing
@testable import Simulator

@Suite("Hostile text and JSON escaping")
struct HostileTextTests {
    @Test("Every character survives the hand-written escaper", arguments: [
        "plain", "quote \" and backslash \\", "controls \u{0} \u{1} \u{8} \u{C} \n \r \t \u{1F}",
        #"Mozilla"><svg onload=alert(1)>"#, "<script>alert('pwned')</script>", "na\u{EF}ve caf\u{E9} \u{1F36B} \u{2028}\u{2029}",
        String((0..<128).map { Character(UnicodeScalar(UInt8($0))) }),
    ])
    func escaperRoundTrips(text: String) throws {
        var writer = JSONWriter()
        writer.raw("[")
        writer.string(text)
        writer.raw("]")
        let data = Data(writer.buffer.readableBytesView)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
        #expect(parsed == [text])
    }

    @Test("The hostile client's description and redirect URI come back unchanged")
    func hostileClientFieldsRoundTrip() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let list = try await fixture.client.get("/api/v2/oauth/clients?pageSize=500", token: token).json()
            let clients = try #require(list["entities"] as? [[String: Any]])
            let hostile = try #require(clients.first { $0["description"] as? String == LayoutBuilder.hostileDescription })
            #expect(hostile["redirectUris"] as? [String] == [LayoutBuilder.hostileRedirectURI])
            #expect((hostile["name"] as? String)?.hasPrefix("Partner-Integration-") == true)
            let legacy = try #require(clients.first { $0["name"] as? String == "legacy-sync-tool" })
            #expect((legacy["description"] as? String)?.contains("\"ops\"") == true)
        }
    }

    @Test("Hostile and non-ASCII user agents in events come back unchanged")
    func hostileEventTextRoundTrips() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 5_000)) { fixture in
            let token = try await fixture.client.bearer()
            let events = try await fixture.fetchWindow(from: fixture.organization.rangeStart, to: SimulatorFixture.start, token: token).events
            let agents = Set(events.compactMap { ($0["details"] as? [String: Any])?["userAgent"] as? String })
            for agent in LayoutBuilder.hostileAgents + GeneratedEvents.browserAgents {
                #expect(agents.contains(agent), "\(agent)")
            }
            #expect(agents.contains(#"LegacySync/0.9 (C:\Program Files\Legacy\sync.exe)"#))
            let renames = events.compactMap { event -> String? in
                guard event["action"] as? String == "routing.queue.update" else { return nil }
                let changes = (event["details"] as? [String: Any])?["changes"] as? [String: Any]
                return (changes?["name"] as? [String: Any])?["new"] as? String
            }
            #expect(renames.contains { $0.hasSuffix("\u{2013} \"Billing\" & <Support>") })
        }
    }
}
