import Foundation
import PartnerAuditCore
import Testing

@Suite("One vocabulary: the source's words typed, unknown ones kept")
struct VocabularyTests {
    @Test("Every named word reads back as itself, and its text is the one the source writes")
    func namedRoundTrip() {
        #expect(AuditAction.named.map(\.text) == [
            "api.request", "oauth.token.issued", "oauth.token.denied", "oauth.token.revoke",
            "oauthclient.create", "oauthclient.update", "oauthclient.delete", "oauthclient.secret.rotate",
        ])
        #expect(Outcome.named.map(\.text) == ["success", "failure", "denied", "warning"])
        #expect(ActorType.named.map(\.text) == ["oauthclient", "user", "system"])
        #expect(GrantType.named.map(\.text) == ["client_credentials", "authorization_code", "implicit", "saml2_bearer", "password"])
        #expect(ClientState.named.map(\.text) == ["active", "disabled", "inactive"])
        #expect(ClientType.named.map(\.text) == ["public", "private"])
        for value in AuditAction.named { #expect(AuditAction(text: value.text) == value && value.isNamed) }
        for value in Outcome.named { #expect(Outcome(text: value.text) == value) }
        for value in ActorType.named { #expect(ActorType(text: value.text) == value) }
        for value in GrantType.named { #expect(GrantType(text: value.text) == value) }
        for value in ClientState.named { #expect(ClientState(text: value.text) == value) }
        for value in ClientType.named { #expect(ClientType(text: value.text) == value) }
    }

    @Test("A word the rules do not know is kept as written, never an error")
    func unknownKept() {
        let action = AuditAction(text: "Queue.Update")
        #expect(action == .other("Queue.Update"))
        #expect(action.text == "Queue.Update")
        #expect(!action.isNamed)
        #expect(Outcome(text: "sideways").text == "sideways")
        #expect(ClientState(text: "suspended") == .other("suspended"))
    }

    @Test("A string literal names the same value as the source's text")
    func literals() {
        let action: AuditAction = "api.request"
        #expect(action == .apiRequest)
        let grant: GrantType = "client_credentials"
        #expect(grant == .clientCredentials)
    }

    @Test("The live dialect's grant names map to the guide's, anything else lower-cased")
    func grantSourceText() {
        #expect(GrantType(sourceText: "CLIENT-CREDENTIALS") == .clientCredentials)
        #expect(GrantType(sourceText: "CODE") == .authorizationCode)
        #expect(GrantType(sourceText: "TOKEN") == .implicit)
        #expect(GrantType(sourceText: "SAML2BEARER") == .saml2Bearer)
        #expect(GrantType(sourceText: "Device_Code") == .other("device_code"))
    }

    @Test("The live dialect's service/entity/action names map to the event model's actions where one exists, else are kept whole")
    func liveActions() {
        let action = { (service: String, entity: String, verb: String, status: String, actor: ActorType) in
            LiveAuditAction.action(serviceName: service, entityType: entity, action: verb, status: status, actor: actor)
        }
        #expect(action("PeoplePermissions", "AccessToken", "Create", "SUCCESS", .oauthClient) == .tokenIssued)
        #expect(action("PeoplePermissions", "AccessToken", "Create", "FAILURE", .oauthClient) == .tokenDenied)
        #expect(action("PeoplePermissions", "AccessToken", "Create", "SUCCESS", .user) == .other("PeoplePermissions/AccessToken/Create"),
                "a person's token is not a partner app's")
        #expect(action("PeoplePermissions", "OAuthClient", "Create", "SUCCESS", .user) == .clientCreated)
        #expect(action("PeoplePermissions", "OAuthClient", "Update", "SUCCESS", .user) == .clientUpdated)
        #expect(action("PeoplePermissions", "OAuthClient", "Delete", "SUCCESS", .user) == .clientDeleted)
        #expect(action("PeoplePermissions", "OAuthClient", "Rotate", "SUCCESS", .user) == .clientSecretRotated)
        #expect(action("Routing", "Queue", "Update", "SUCCESS", .user) == .other("Routing/Queue/Update"))
        #expect(action("AnalyticsReporting", "Exports", "Create", "SUCCESS", .user) == .other("AnalyticsReporting/Exports/Create"))
        #expect(action("", "Queue", "Update", "SUCCESS", .system) == .other("Queue/Update"), "a part the message leaves out is left out")
        #expect(LiveAuditAction.outcome(status: "FAILURE", action: .tokenDenied) == .denied)
        #expect(LiveAuditAction.outcome(status: "FAILURE", action: .clientUpdated) == .failure)
        #expect(LiveAuditAction.outcome(status: "WARNING", action: .clientUpdated) == .warning)
    }

    @Test("The live grant types, SAML2-BEARER with its hyphen included, name the guide's")
    func liveGrantTypes() {
        #expect(GrantType(sourceText: "SAML2-BEARER") == .saml2Bearer)
        #expect(GrantType(sourceText: "PASSWORD") == .password)
        #expect(GrantType(sourceText: "CLIENT-CREDENTIALS") == .clientCredentials)
    }
}

@Suite("Time: spans, buckets and windows")
struct TimeTests {
    static let instant = Timestamp.parseMilliseconds("2026-09-30T14:59:00.000Z")!

    @Test("Spans count days, hours and minutes in milliseconds")
    func spans() {
        #expect(TimeSpan.days(2).milliseconds == 172_800_000)
        #expect((TimeSpan.hours(1) + .minutes(30)).count(of: .hour) == 1.5)
        #expect(TimeSpan.hours(49).whole(.day) == 2)
        #expect(Self.instant - .day == Self.instant - 86_400_000)
        #expect(TimeWindow(last: .days(90), endingAt: Self.instant).duration == .days(90))
    }

    @Test("A bucket's label is the prefix of the canonical timestamp, and names its window")
    func buckets() {
        #expect(TimeBucket.hour.label(of: Self.instant) == "2026-09-30T14")
        #expect(TimeBucket.day.label(of: Self.instant) == "2026-09-30")
        #expect(TimeBucket.month.label(of: Self.instant) == "2026-09")
        #expect(TimeBucket.hour.window(labelled: "2026-09-30T14")?.duration == .hour)
        #expect(TimeBucket.month.window(labelled: "2026-02")?.duration == .days(28))
        #expect(TimeBucket.month.window(labelled: "2026-12")?.toMillis == Timestamp.parseMilliseconds("2027-01-01T00:00:00.000Z"))
        #expect(TimeBucket.hour.window(labelled: "2026-09-30T14'; DROP") == nil)
        #expect(TimeBucket.day.labels(touching: TimeWindow(fromMillis: Self.instant, toMillis: Self.instant + .days(2))).count == 3)
    }

    @Test("Splitting by a span that is not positive gives the window whole, never a crash")
    func split() {
        let window = TimeWindow(fromMillis: 0, toMillis: 10)
        #expect(window.split(every: TimeSpan(milliseconds: 0)) == [window])
        #expect(window.split(every: TimeSpan(milliseconds: 4)).count == 3)
    }
}
