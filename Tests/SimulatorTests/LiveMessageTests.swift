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

    /// The guide names of the live pairs that have one.
    static let knownPairs: [String: String] = [
        "ApiRequest Execute": "api.request", "AccessToken Revoke": "oauth.token.revoke",
        "OAuthClient Create": "oauthclient.create", "OAuthClient Update": "oauthclient.update",
        "OAuthClient Delete": "oauthclient.delete", "OAuthClient Rotate": "oauthclient.secret.rotate",
    ]

    /// A text that is present and not empty.
    static func present(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }

    /// The inverse of the live conversion, as a client adapter does it (system actors' ids are not carried).
    static func guideView(of message: [String: Any]) -> Essentials {
        let client = present((message["client"] as? [String: Any])?["id"])
        let user = present((message["user"] as? [String: Any])?["id"])
        let entityType = message["entityType"] as? String ?? "", action = message["action"] as? String ?? ""
        let status = message["status"] as? String ?? ""
        let pair = entityType + " " + action
        let guideAction: String
        if pair == "AccessToken Authenticate" {
            guideAction = status == "SUCCESS" ? "oauth.token.issued" : "oauth.token.denied"
        } else {
            guideAction = knownPairs[pair] ?? entityType.lowercased() + "." + action.lowercased()
        }
        let outcome = switch status {
        case "SUCCESS": "success"
        case "FAILURE": guideAction == "oauth.token.denied" ? "denied" : "failure"
        default: "unknown"
        }
        let actorType = client != nil ? "oauthclient" : user != nil ? "user" : message["level"] as? String == "SYSTEM" ? "system" : "?"
        return Essentials(actorType: actorType, actorId: client ?? user, action: guideAction, outcome: outcome,
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

    @Test("Every live message of a seeded log maps back to its guide event")
    func messagesMapBack() async throws {
        let guide = try await SimulatorFixture.with(SimulatorOptions(scale: 2_000, days: 20)) { fixture in
            try await EventLog.fetch(fixture).events
        }
        let messages = try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            return try await query.run(from: fixture.organization.rangeStart, to: SimulatorFixture.start)
        }
        #expect(messages.count == guide.count)
        #expect(Set(guide.compactMap { $0["action"] as? String }).isSuperset(of: [
            "api.request", "oauth.token.issued", "oauth.token.denied", "oauthclient.update", "oauthclient.secret.rotate",
            "user.login", "routing.queue.update", "directory.sync",
        ]))
        for (event, message) in zip(guide, messages) {
            #expect(message["id"] as? String == event["id"] as? String)
            #expect(Self.guideView(of: message) == Self.essentials(of: event), "\(event["id"] ?? "?")")
            #expect(message["eventDate"] as? String == event["timestamp"] as? String)
            #expect((message["message"] as? [String: Any])?["localizableMessageCode"] as? String == event["action"] as? String)
            #expect(message["level"] as? String == (event["actorType"] as? String == "system" ? "SYSTEM" : "USER"))
            #expect(Self.present(message["application"]) == EventLog.detail(event, "userAgent") as? String)
        }
    }

    @Test("Details become context text and changes become propertyChanges")
    func detailsAreCarried() async throws {
        let guide = try await SimulatorFixture.with(SimulatorOptions(scale: 2_000, days: 20)) { fixture in
            try await EventLog.fetch(fixture).events
        }
        let messages = try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            return try await query.run(from: fixture.organization.rangeStart, to: SimulatorFixture.start)
        }
        let byID = Dictionary(uniqueKeysWithValues: messages.compactMap { message in (message["id"] as? String).map { ($0, message) } })
        let call = try #require(guide.first { $0["action"] as? String == "api.request" && EventLog.detail($0, "scope") != nil })
        let callContext = try #require(byID[call["id"] as? String ?? ""]?["context"] as? [String: String])
        #expect(callContext["status"] == "\(EventLog.detail(call, "status") as? Int ?? -1)")
        #expect(callContext["path"] == EventLog.detail(call, "path") as? String)
        #expect(callContext["sourceIp"] == nil && callContext["userAgent"] == nil)

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
        #expect(messages.contains { $0["application"] == nil } && messages.contains { $0["application"] as? String == "" })
        #expect(messages.allSatisfy { $0["userHomeOrgId"] as? String != nil && $0["serviceName"] as? String != nil })
    }
}
