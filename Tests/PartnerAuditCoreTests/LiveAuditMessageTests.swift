import Testing
@testable import PartnerAuditCore

@Suite("Live audit messages")
struct LiveAuditMessageTests {
    private func event(_ text: String) throws -> AuditEvent {
        try AuditEvent(liveJSON: JSONParser.parse(text))
    }

    @Test("A person's admin change through an app: the user acts, the app's client.id is kept in details, the changed client is the resource")
    func adminChange() throws {
        let message = try event("""
            {"id":"e1","userHomeOrgId":"org-1","user":{"id":"admin-7"},"client":{"id":"web-app"},"remoteIp":["203.0.113.9","10.0.0.1"],
             "serviceName":"PeoplePermissions","level":"USER","eventDate":"2026-10-01T12:00:00.250Z","action":"Update",
             "entity":{"id":"c-42","name":"Partner-Integration-Prod-Acme"},"entityType":"OAuthClient","status":"SUCCESS",
             "application":"Genesys Cloud web app","initiatingAction":{"transactionId":"t-1","actionContext":"Update"},
             "entityChanges":[{"entityId":"c-42","entityType":"OAuthClient","oldValues":["a"],"newValues":["b"]}],"context":{"reason":"ticket 12"}}
            """)
        #expect(message.actorType == "user")
        #expect(message.actorID == "admin-7")
        #expect(message.resourceID == "c-42", "the changed client, never its actor")
        #expect(message.action == .clientUpdated)
        #expect(message.outcome == "success")
        #expect(message.timestamp == "2026-10-01T12:00:00.250Z")
        #expect(message.sourceIP == "203.0.113.9", "the first remoteIp is the origin")
        #expect(message.details["client"]?["id"] == .string("web-app"))
        #expect(message.details["userHomeOrgId"] == .string("org-1"))
        #expect(message.details["level"] == .string("USER"))
        #expect(message.details["initiatingAction"]?["transactionId"] == .string("t-1"))
        #expect(message.details["entityChanges"]?.arrayValue?.count == 1)
        #expect(message.userAgent == "Genesys Cloud web app")
        let stored = try JSONParser.parse(message.rawJSON)
        #expect(stored["details"] == message.details, "the message's own fields are stored under details, for queries on $.details")
        #expect(stored["details"]?["remoteIp"]?.stringArray == ["203.0.113.9", "10.0.0.1"], "nothing the source sent is lost")
        #expect(stored["remoteIp"] == nil && stored["client"] == nil, "nor stored twice")
        #expect(stored["entityType"] == .string("OAuthClient"))
    }

    @Test("Empty client objects and empty strings mean absent: the client acts on its own, else the system")
    func emptyActors() throws {
        let byClient = try event(#"{"id":"e2","client":{"id":"c-7"},"user":{"id":""},"eventDate":"2026-10-01T00:00:00Z","serviceName":"Routing","entityType":"Queue","action":"Update","status":"SUCCESS","entity":{}}"#)
        #expect(byClient.actorType == "oauthclient")
        #expect(byClient.actorID == "c-7")
        #expect(byClient.resourceID == nil)
        #expect(byClient.action == .other("Routing/Queue/Update"))
        #expect(byClient.details["client"] == nil, "the acting client is the actor, not a detail")
        let bySystem = try event(#"{"id":"e3","client":{},"user":{"id":""},"eventDate":"2026-10-01T00:00:00Z","entityType":"Queue","action":"Update","status":"WARNING","application":"","initiatingAction":{},"propertyChanges":[]}"#)
        #expect(bySystem.actorType == "system")
        #expect(bySystem.actorID == "")
        #expect(bySystem.action == .other("Queue/Update"))
        #expect(bySystem.outcome == "warning")
        #expect(bySystem.userAgent == nil)
        #expect(bySystem.details["initiatingAction"] == nil && bySystem.details["propertyChanges"] == nil && bySystem.details["application"] == nil)
    }

    @Test("AccessToken/Create by a client is a token issued with its remoteIp; a failed one a denial; a person's token is kept by its name")
    func tokens() throws {
        let issued = try event(#"{"id":"e5","client":{"id":"c-1"},"user":{},"eventDate":"2026-10-01T00:00:00Z","serviceName":"PeoplePermissions","entityType":"AccessToken","action":"Create","status":"SUCCESS","remoteIp":["198.51.100.4","10.1.1.1"],"message":{"localizableMessageCode":"ACCESSTOKENCREATE_SUCCESS","message":"access token created","messageWithParams":"","messageParams":{}}}"#)
        #expect(issued.action == .tokenIssued)
        #expect(issued.outcome == "success")
        #expect(issued.actorID == "c-1")
        #expect(issued.sourceIP == "198.51.100.4")
        #expect(issued.details["message"]?["localizableMessageCode"] == .string("ACCESSTOKENCREATE_SUCCESS"))
        let denied = try event(#"{"id":"e4","client":{"id":"c-1"},"eventDate":"2026-10-01T00:00:00Z","serviceName":"PeoplePermissions","entityType":"AccessToken","action":"Create","status":"FAILURE","remoteIp":["198.51.100.4"]}"#)
        #expect(denied.action == .tokenDenied)
        #expect(denied.outcome == "denied")
        let person = try event(#"{"id":"e6","client":{"id":"web-app"},"user":{"id":"u-1"},"eventDate":"2026-10-01T00:00:00Z","serviceName":"PeoplePermissions","entityType":"AccessToken","action":"Create","status":"SUCCESS"}"#)
        #expect(person.action == .other("PeoplePermissions/AccessToken/Create"))
        #expect(person.actorType == "user")
    }

    @Test("A downloaded message is dated by eventTime")
    func eventTime() throws {
        let downloaded = try event(#"{"id":"e7","client":{"id":"c-1"},"eventTime":"2026-10-01T00:00:01.5Z","entityType":"AccessToken","action":"Create","status":"SUCCESS"}"#)
        #expect(downloaded.timestamp == "2026-10-01T00:00:01.500Z")
        let neither = #expect(throws: SourceDataError.self) { try event(#"{"id":"e8","client":{"id":"c-1"}}"#) }
        #expect(neither?.description.contains("eventTime") == true)
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

    @Test("A message holding an escaped NUL in any string cannot be read: its canonical text would end at the NUL for SQLite; a lone surrogate is read as U+FFFD both ways")
    func nulIsUnreadable() throws {
        let base = #"{"id":"e9","eventDate":"2026-10-01T12:00:00Z","serviceName":"Platform","entityType":"OAuthClient","action":"Update","status":"SUCCESS","entity":{"id":"c-1"}"#
        #expect(throws: SourceDataError.self) { try event(base + #","context":{"note":"a\u0000b"}}"#) }
        #expect(throws: SourceDataError.self) { try event(base + #","entityChanges":[{"newValues":["\u0000"]}]}"#) }
        let lone = try event(base + #","context":{"note":"a\ud800b"}}"#)
        #expect(try JSONParser.parse(lone.rawJSON)["details"]?["context"]?["note"] == .string("a\u{FFFD}b"))
    }
}
