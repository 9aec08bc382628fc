import Testing
@testable import PartnerAuditCore

@Suite("Live audit messages")
struct LiveAuditMessageTests {
    private func event(_ text: String) throws -> AuditEvent {
        try AuditEvent(liveJSON: JSONParser.parse(text))
    }

    @Test("A client's API call: client.id is the actor, remoteIp the source, context the request")
    func apiRequest() throws {
        let message = try event("""
            {"id":"e1","user":{"id":""},"client":{"id":"c-42"},"remoteIp":["203.0.113.9","10.0.0.1"],"serviceName":"Platform",
             "level":"USER","eventDate":"2026-10-01T12:00:00.250Z","action":"Execute","entity":{"id":"q-1"},"entityType":"ApiRequest",
             "status":"SUCCESS","application":"acme-sync/2.1","context":{"method":"GET","path":"/api/v2/routing/queues/q-1","status":"200"}}
            """)
        #expect(message.actorType == "oauthclient")
        #expect(message.actorID == "c-42")
        #expect(message.action == "api.request")
        #expect(message.outcome == "success")
        #expect(message.resourceID == "q-1")
        #expect(message.timestamp == "2026-10-01T12:00:00.250Z")
        #expect(message.sourceIP == "203.0.113.9")
        #expect(message.method == "GET")
        #expect(message.path == "/api/v2/routing/queues/q-1")
        #expect(message.status == 200)
        #expect(message.userAgent == "acme-sync/2.1")
        #expect(message.details["serviceName"] == .string("Platform"))
        let stored = try JSONParser.parse(message.rawJSON)
        #expect(stored["details"] == message.details, "the message's own fields are stored under details, for queries on $.details")
        #expect(stored["details"]?["remoteIp"]?.stringArray == ["203.0.113.9", "10.0.0.1"], "nothing the source sent is lost")
        #expect(stored["remoteIp"] == nil, "nor stored twice")
        #expect(stored["entityType"] == .string("ApiRequest"))
    }

    @Test("Empty client objects and empty strings mean absent: the user, else the system, acts")
    func emptyActors() throws {
        let byUser = try event(#"{"id":"e2","client":{"id":""},"user":{"id":"u-7"},"eventDate":"2026-10-01T00:00:00Z","entityType":"OAuthClient","action":"Update","status":"SUCCESS","entity":{}}"#)
        #expect(byUser.actorType == "user")
        #expect(byUser.actorID == "u-7")
        #expect(byUser.resourceID == nil)
        #expect(byUser.action == "oauthclient.update")
        let bySystem = try event(#"{"id":"e3","client":{},"user":{"id":""},"eventDate":"2026-10-01T00:00:00Z","entityType":"Queue","action":"Update","status":"WARNING","application":""}"#)
        #expect(bySystem.actorType == "system")
        #expect(bySystem.actorID == "")
        #expect(bySystem.action == "queue.update")
        #expect(bySystem.outcome == "warning")
        #expect(bySystem.userAgent == nil)
    }

    @Test("A refused token is oauth.token.denied with outcome denied; its reason comes from context")
    func deniedToken() throws {
        let denied = try event(#"{"id":"e4","client":{"id":"c-1"},"eventDate":"2026-10-01T00:00:00Z","entityType":"AccessToken","action":"Authenticate","status":"FAILURE","remoteIp":["198.51.100.4"],"context":{"reason":"ip_not_allowed"}}"#)
        #expect(denied.action == "oauth.token.denied")
        #expect(denied.outcome == "denied")
        #expect(denied.details["context"]?["reason"] == .string("ip_not_allowed"))
        let issued = try event(#"{"id":"e5","client":{"id":"c-1"},"eventDate":"2026-10-01T00:00:00Z","entityType":"AccessToken","action":"Authenticate","status":"SUCCESS"}"#)
        #expect(issued.action == "oauth.token.issued")
        #expect(issued.outcome == "success")
    }

    @Test("propertyChanges become the guide's changes: lists stay lists, single values become values")
    func propertyChanges() throws {
        let update = try event("""
            {"id":"e6","user":{"id":"admin"},"eventDate":"2026-10-01T00:00:00Z","entityType":"OAuthClient","action":"Update","status":"SUCCESS",
             "entity":{"id":"c-9"},"propertyChanges":[{"property":"scopes","oldValues":["a:b:read"],"newValues":["a:b:read","a:b:write"]},
             {"property":"name","oldValues":["Old"],"newValues":["New"]},{"property":"description","oldValues":[],"newValues":["x"]}]}
            """)
        let changes = try #require(update.details["changes"])
        #expect(changes["scopes"]?["old"] == .array([.string("a:b:read")]))
        #expect(changes["scopes"]?["new"]?.stringArray == ["a:b:read", "a:b:write"])
        #expect(changes["name"]?["new"] == .string("New"))
        #expect(changes["description"]?["old"] == .null)
        #expect(update.resourceID == "c-9")
    }

    @Test("A message without an id or with a bad date is refused, naming the field")
    func refused() {
        let noID = #expect(throws: SourceDataError.self) { try event(#"{"eventDate":"2026-10-01T00:00:00Z"}"#) }
        #expect(noID?.field == "id")
        let badDate = #expect(throws: SourceDataError.self) { try event(#"{"id":"e7","eventDate":"yesterday"}"#) }
        #expect(badDate?.field == "eventDate")
        #expect(badDate?.description.contains("e7") == true)
        let badClient = #expect(throws: SourceDataError.self) { try event(#"{"id":"e8","eventDate":"2026-10-01T00:00:00Z","client":"c-1"}"#) }
        #expect(badClient?.field == "client")
    }
}
