import Foundation
import Testing
@testable import Simulator

@Suite("Live dialect: audit messages")
struct LiveMessageTests {
    /// What a guide event says about who did what, as the comparison needs it.
    struct Essentials: Equatable, CustomStringConvertible {
        var actorType: String
        var actorId: String?
        var action: String
        var outcome: String
        var resourceId: String?
        var sourceIp: String?

        var description: String {
            "\(actorType) \(actorId ?? "-") \(action) \(outcome) \(resourceId ?? "-") \(sourceIp ?? "-")"
        }
    }

    /// The guide names of the live `serviceName/entityType/action` names that have one.
    static let knownNames: [String: String] = [
        "PeoplePermissions/AccessToken/Revoke": "oauth.token.revoke",
        "PeoplePermissions/OAuthClient/Create": "oauthclient.create", "PeoplePermissions/OAuthClient/Update": "oauthclient.update",
        "PeoplePermissions/OAuthClient/Delete": "oauthclient.delete", "PeoplePermissions/OAuthClient/Rotate": "oauthclient.secret.rotate",
        "PeoplePermissions/AuthUser/Authenticate": "user.login", "Routing/Queue/Update": "routing.queue.update",
        "AnalyticsReporting/Exports/Create": "analytics.export.create",
    ]

    /// A text that is present and not empty.
    static func present(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }

    /// The inverse of the live conversion, by source-api.md section 4's actor rule: `user.id`
    /// when not empty, else `client.id`, else the system (whose ids are not carried).
    static func guideView(of message: [String: Any]) -> Essentials {
        let client = present((message["client"] as? [String: Any])?["id"])
        let user = present((message["user"] as? [String: Any])?["id"])
        let entityType = message["entityType"] as? String ?? "", action = message["action"] as? String ?? ""
        let status = message["status"] as? String ?? ""
        let name = "\(message["serviceName"] as? String ?? "")/\(entityType)/\(action)"
        let guideAction: String
        if name == "PeoplePermissions/AccessToken/Create" {
            guideAction = status == "SUCCESS" ? "oauth.token.issued" : "oauth.token.denied"
        } else {
            guideAction = knownNames[name] ?? entityType.lowercased() + "." + action.lowercased()
        }
        let outcome = switch status {
        case "SUCCESS": "success"
        case "FAILURE": guideAction == "oauth.token.denied" ? "denied" : "failure"
        default: "unknown"
        }
        let actorType = user != nil ? "user" : client != nil ? "oauthclient" : message["level"] as? String == "SYSTEM" ? "system" : "?"
        return Essentials(actorType: actorType, actorId: user ?? client, action: guideAction, outcome: outcome,
                          resourceId: present((message["entity"] as? [String: Any])?["id"]),
                          sourceIp: (message["remoteIp"] as? [String])?.first)
    }

    /// The same essentials read from a guide event.
    static func essentials(of event: [String: Any]) -> Essentials {
        let type = event["actorType"] as? String ?? ""
        return Essentials(actorType: type, actorId: type == "system" ? nil : event["actorId"] as? String,
                          action: event["action"] as? String ?? "", outcome: event["outcome"] as? String ?? "",
                          resourceId: event["resourceId"] as? String, sourceIp: EventLog.detail(event, "sourceIp") as? String)
    }

    @Test("Every live message maps back to its guide event, and the guide's API requests have no live message")
    func messagesMapBack() async throws {
        let guide = try await SimulatorFixture.with(SimulatorOptions(scale: 2_000, days: 20)) { fixture in
            try await EventLog.fetch(fixture).events
        }
        let (messages, webApp) = try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            return (try await query.run(from: fixture.organization.rangeStart, to: SimulatorFixture.start), fixture.organization.webAppClientID)
        }
        let audited = guide.filter { $0["action"] as? String != "api.request" }
        #expect(guide.count - audited.count > 1_000, "most of the guide's log is per-request records")
        #expect(messages.count == audited.count)
        #expect(Set(audited.compactMap { $0["action"] as? String }).isSuperset(of: [
            "oauth.token.issued", "oauth.token.denied", "oauthclient.update", "oauthclient.secret.rotate",
            "user.login", "routing.queue.update", "directory.sync",
        ]))
        for (event, message) in zip(audited, messages) {
            #expect(message["id"] as? String == event["id"] as? String)
            #expect(Self.guideView(of: message) == Self.essentials(of: event), "\(event["id"] ?? "?")")
            #expect(message["eventDate"] as? String == event["timestamp"] as? String)
            #expect(message["level"] as? String == (event["actorType"] as? String == "system" ? "SYSTEM" : "USER"))
            let code = (message["message"] as? [String: Any])?["localizableMessageCode"] as? String
            switch event["action"] as? String {
            case "oauth.token.issued":
                #expect(code == "ACCESSTOKENCREATE_SUCCESS")
                #expect(message["entityType"] as? String == "AccessToken" && message["action"] as? String == "Create")
                #expect((message["remoteIp"] as? [String])?.first == EventLog.detail(event, "sourceIp") as? String)
            case "oauth.token.denied": #expect(code == "ACCESS_TOKEN_CREATE_FAILURE")
            default: break
            }
            if event["actorType"] as? String == "user", message["application"] as? String == LiveAuditMessage.webAppName {
                #expect((message["client"] as? [String: Any])?["id"] as? String == webApp, "a person acts through the web app")
            }
            if event["action"] as? String == "oauthclient.update" {
                #expect((message["client"] as? [String: Any])?["id"] as? String == webApp, "an admin change names the app it was made with")
                #expect(Self.present((message["user"] as? [String: Any])?["id"]) == event["actorId"] as? String)
            }
        }
    }

    @Test("No live message carries a request's method, path, status or user agent; details become context text and changes propertyChanges")
    func detailsAreCarried() async throws {
        let guide = try await SimulatorFixture.with(SimulatorOptions(scale: 2_000, days: 20)) { fixture in
            try await EventLog.fetch(fixture).events
        }
        let messages = try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            return try await query.run(from: fixture.organization.rangeStart, to: SimulatorFixture.start)
        }
        let byID = Dictionary(uniqueKeysWithValues: messages.compactMap { message in (message["id"] as? String).map { ($0, message) } })
        #expect(messages.allSatisfy { message in
            let context = message["context"] as? [String: String] ?? [:]
            return ["method", "path", "status", "userAgent", "sourceIp"].allSatisfy { context[$0] == nil }
        })

        let issued = try #require(guide.first { $0["action"] as? String == "oauth.token.issued" })
        let issuedContext = try #require(byID[issued["id"] as? String ?? ""]?["context"] as? [String: String])
        #expect(issuedContext["scopes"] == (EventLog.detail(issued, "scopes") as? [String])?.joined(separator: " "))

        let update = try #require(guide.first { $0["action"] as? String == "routing.queue.update" })
        let changes = try #require(byID[update["id"] as? String ?? ""]?["propertyChanges"] as? [[String: Any]])
        let name = try #require(EventLog.detail(update, "changes") as? [String: Any])["name"] as? [String: Any]
        #expect(changes.first?["property"] as? String == "name")
        #expect(changes.first?["oldValues"] as? [String] == [name?["old"] as? String ?? ""])
        #expect(changes.first?["newValues"] as? [String] == [name?["new"] as? String ?? ""], "hostile text arrives unchanged")
        #expect(messages.filter { $0["propertyChanges"] != nil }.count == guide.filter { EventLog.detail($0, "changes") != nil }.count)

        let userMessages = messages.filter { Self.present(($0["user"] as? [String: Any])?["id"]) != nil }
        #expect(userMessages.contains { ($0["client"] as? [String: Any])?.isEmpty == true }, "some absent sides are {}")
        #expect(userMessages.contains { ($0["client"] as? [String: Any])?["id"] as? String == "" }, "others are {\"id\":\"\"}")
        let clientMessages = messages.filter { Self.present(($0["client"] as? [String: Any])?["id"]) != nil && Self.present(($0["user"] as? [String: Any])?["id"]) == nil }
        #expect(!clientMessages.isEmpty && clientMessages.allSatisfy { $0["application"] as? String != LiveAuditMessage.webAppName })
        #expect(messages.contains { $0["application"] == nil } && messages.contains { $0["application"] as? String == "" })
        #expect(messages.allSatisfy { $0["userHomeOrgId"] as? String != nil && $0["serviceName"] as? String != nil })
    }
}
