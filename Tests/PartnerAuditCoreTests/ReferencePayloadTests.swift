import Foundation
import Testing
@testable import PartnerAuditCore

/// The public evidence of what the live platform sends (`Tests/Fixtures/genesys/`, copied from
/// `reference/genesys/` with its `SOURCES.md`), read through the live adapter's decoders.
@Suite("Reference payloads through the live adapter")
struct ReferencePayloadTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/genesys")

    private func load(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: Self.folder.appendingPathComponent("payloads/\(name)"))))
    }

    @Test("Every whole JSON payload of the folder is an audit payload this suite reads")
    func everyPayloadIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("payloads").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == [
            "EventBridge_v2.audits.entitytype.OAuthClient.Delete.blueprint-example.json",
            "GET_api_v2_audits_query_transactionId_results.community-example.json",
            "POST_api_v2_audits_query.request.PeoplePermissions-AccessToken.community-example.json",
        ])
        for name in names { _ = try load(name) }
    }

    @Test("The community results page: the user acts, the empty client is absent, every field lands where section 4 says")
    func communityResultsPage() throws {
        let page = try load("GET_api_v2_audits_query_transactionId_results.community-example.json")
        let messages = try #require(page["entities"]?.arrayValue)
        #expect(messages.count == 1)
        let event = try AuditEvent(liveJSON: messages[0])
        #expect(event.id == "583cae9f-87d6-4bce-a5eb-6b133184405b")
        #expect(event.timestamp == "2025-04-01T12:34:56.000Z")
        #expect(event.actorType == .user)
        #expect(event.actorID == "11f27f54-e941-42dc-9319-107175e2190e")
        #expect(event.details["client"] == nil, "client {\"id\": \"\"} means no application")
        #expect(event.action == .other("AnalyticsReporting/Exports/Create"))
        #expect(event.resource == "Exports")
        #expect(event.resourceID == "11f27f54-e941-42dc-9319-107175e2190e")
        #expect(event.outcome == .success)
        #expect(event.sourceIP == "12.34.56.78")
        #expect(event.details["level"] == .string("USER"))
        #expect(event.details["userHomeOrgId"] == .string("f7110c89-35e5-4c11-b669-0ac7552cc6d0"))
        #expect(event.details["context"]?["ExportType"] == .string("CSV"))
        #expect(event.details["serviceName"] == .string("AnalyticsReporting"))
        for absent in ["application", "initiatingAction", "propertyChanges", "entityChanges", "changes"] {
            #expect(event.details[absent] == nil, "\(absent) is empty, so absent")
        }
        let stored = try JSONParser.parse(event.rawJSON)
        #expect(stored["transactionInitiator"] == .bool(false), "fields without a place are kept as sent")
        #expect(stored["user"]?["selfUri"] == .string("/api/v2/users/11f27f54-e941-42dc-9319-107175e2190e"))
    }

    @Test("The EventBridge OAuthClient delete: the user who deleted it acts, the deleted client is the resource, eventTime dates it")
    func eventBridgeClientDelete() throws {
        let body = try #require(try load("EventBridge_v2.audits.entitytype.OAuthClient.Delete.blueprint-example.json")["detail"]?["eventBody"])
        let event = try AuditEvent(liveJSON: body)
        #expect(event.id == "128b506d-0a67-4e8c-a27c-fd3ed9566094")
        #expect(event.timestamp == "2021-05-31T09:49:25.000Z")
        #expect(event.actorType == .user)
        #expect(event.actorID == "d7ff136e-8f5a-4878-a0ae-e2138ad0345d", "never the client named as clientId, which is the one deleted")
        #expect(event.resourceID == "46a10c81-ca63-4bfe-bc9d-3fbf41ee06b5")
        #expect(event.action == .clientDeleted)
        #expect(EventPredicate.clientChange.matches(event))
        #expect(event.details["client"]?["id"] == .string("46a10c81-ca63-4bfe-bc9d-3fbf41ee06b5"))
        #expect(event.details["userHomeOrgId"] == .string("23faea37-1117-4c0a-88a2-572c46780b03"))
        let changes = try #require(event.details["changes"])
        #expect(changes["deleted_on"]?["new"] == .string("2021-05-31T09:44:53Z"))
        #expect(changes["scopes"]?["old"] == .array([.string("users")]))
        #expect(changes["scopes"]?["new"] == .null)
    }

    @Test("The AccessToken message fragments: a client's ACCESSTOKENCREATE_SUCCESS is a token issued, the failure a denial")
    func accessTokenFragments() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("payloads/AuditLogMessage.message.AccessToken-fragments.community-example.txt"), encoding: .utf8)
        // The fragments are `"message": {…}` members; each object is whole.
        var objects: [JSONValue] = []
        var rest = Substring(text)
        while let start = rest.range(of: #""message": {"#) {
            let open = rest.index(before: start.upperBound)
            var depth = 0
            guard let close = rest[open...].firstIndex(where: { character in
                depth += character == "{" ? 1 : character == "}" ? -1 : 0
                return depth == 0
            }) else { break }
            objects.append(try JSONParser.parse(String(rest[open...close])))
            rest = rest[rest.index(after: close)...]
        }
        #expect(objects.count == 2)
        let codes = objects.compactMap { $0["localizableMessageCode"]?.stringValue }
        #expect(codes == ["ACCESSTOKENCREATE_SUCCESS", "ACCESS_TOKEN_CREATE_FAILURE"])
        for (message, status, expected) in [(objects[0], "SUCCESS", AuditAction.tokenIssued), (objects[1], "FAILURE", .tokenDenied)] {
            let event = try AuditEvent(liveJSON: .object([
                "id": .string("t-\(status)"), "client": .object(["id": .string("c-1")]), "user": .object(["id": .string("")]), "eventDate": .string("2022-11-14T10:00:00Z"),
                "serviceName": .string("PeoplePermissions"), "entityType": .string("AccessToken"), "action": .string("Create"), "status": .string(status),
                "remoteIp": .array([.string("198.51.100.7")]), "message": message,
            ]))
            #expect(event.action == expected)
            #expect(event.sourceIP == "198.51.100.7")
            #expect(event.details["message"] == message, "the message object is kept whole")
        }
    }

    @Test("The swagger's every OAuthClient property decodes; roleDivisions and secret are read as section 4 says")
    func swaggerClient() throws {
        let definitions = try JSONParser.parse(Array(try Data(contentsOf: Self.folder.appendingPathComponent("schemas/swagger-definitions.json"))))
        guard case .object(let schema)? = definitions["OAuthClient"]?["properties"] else { Issue.record("no OAuthClient schema"); return }
        let properties = schema.keys.sorted()
        #expect(properties.contains("secret") && properties.contains("roleDivisions") && properties.contains("roleIds"))
        let client: JSONValue = .object([
            "id": .string("c-9"), "name": .string("Partner-Integration-Prod-Acme"), "description": .string("sync"), "accessTokenValiditySeconds": .int(86400),
            "registeredRedirectUri": .array([]), "secret": .string("s3cr3t-from-an-old-org"), "roleIds": .array([.string("r-1")]),
            "dateCreated": .string("2026-01-01T00:00:00Z"), "dateModified": .string("2026-02-01T00:00:00.5Z"),
            "createdBy": .object(["id": .string("u-1")]), "modifiedBy": .object(["id": .string("u-2")]), "authorizedGrantType": .string("CLIENT-CREDENTIALS"),
            "roleDivisions": .array([.object(["roleId": .string("r-1"), "divisionId": .string("*")])]), "state": .string("active"),
            "dateToDelete": .string("2026-12-01T00:00:00Z"), "selfUri": .string("/api/v2/oauth/clients/c-9"),
        ])
        guard case .object(let fields) = client else { return }
        #expect(Set(fields.keys).isSuperset(of: Set(properties).subtracting(["scope"])), "every property but scope, which is for other grants")
        let snapshot = try ClientSnapshot(sourceJSON: client)
        #expect(snapshot.grantType == .clientCredentials)
        #expect(snapshot.state == .active)
        #expect(snapshot.dateModified == "2026-02-01T00:00:00.500Z")
        #expect(!snapshot.rawJSON.contains("s3cr3t-from-an-old-org") && !snapshot.rawJSON.contains("\"secret\""))
        #expect(snapshot.rawJSON.contains("roleDivisions"), "unknown to the model, kept raw")
    }
}
