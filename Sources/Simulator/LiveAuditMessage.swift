import PartnerAuditCore

/// Writes a guide-dialect audit event as the live dialect's audit message (source-api.md section 4).
///
/// ```
/// {"id", "userHomeOrgId", "user": {"id"}, "client": {"id"}, "remoteIp": [sourceIp],
///  "serviceName", "level", "eventDate" (or "eventTime" in a download),
///  "message": {"localizableMessageCode", "message", "messageWithParams", "messageParams"},
///  "action", "entity": {"id": resourceId}, "entityType", "status", "application"?,
///  "propertyChanges"?, "context": {every other details key: text}}
/// ```
/// A person acts through an application: a user's message names the organisation's web app as
/// its `client` (and `application`), except for a seeded one in five, whose `client` is `{}` or
/// `{"id":""}`. A client acting on its own has `user` `{"id":""}` (or `{}`) and no application.
/// No message carries a method, path, status or user agent: the live platform records none.
/// Everything from the source is escaped by the writer.
struct LiveAuditMessage {
    /// The `application` of what a person does through the web app.
    static let webAppName = "Genesys Cloud web app"

    let seed: UInt64
    let organizationID: String
    /// The client id of the organisation's web app, through which its people act.
    let webAppClientID: String

    /// The details keys that have a place of their own in the message, or none in the live dialect.
    static let placedDetails: Set<String> = ["sourceIp", "userAgent", "changes"]

    /// Which date field a message is written with.
    enum DateField { case eventDate, eventTime }

    /// Writes the message of one guide event (a parsed JSON object).
    func write(_ event: JSONValue, dateField: DateField = .eventDate, to writer: inout JSONWriter) {
        let id = event["id"]?.stringValue ?? ""
        let actorType = ActorType(text: event["actorType"]?.stringValue ?? "")
        let actorId = event["actorId"]?.stringValue ?? ""
        let guideAction = event["action"]?.stringValue ?? ""
        let details = event["details"] ?? .object([:])
        let names = LiveEventNames.of(guideAction)
        let status = LiveEventNames.status(of: event["outcome"]?.stringValue.map(Outcome.init(text:)))
        let variant = SeededHash.hash(seed, 102, SeededHash.text(id))
        // A change of an OAuth client is always made through the app; other messages vary.
        let viaApp = actorType == .user && (names.entityType == "OAuthClient" || variant % 5 != 0)

        writer.raw("{"); writer.key("id"); writer.string(id)
        writer.raw(","); writer.key("userHomeOrgId"); writer.plainString(organizationID)
        writer.raw(","); writer.key("user"); actorSide(actorType == .user ? actorId : "", empty: variant % 2 == 0, to: &writer)
        let client = actorType == .oauthClient ? actorId : viaApp ? webAppClientID : ""
        writer.raw(","); writer.key("client"); actorSide(client, empty: (variant >> 4) % 2 == 0, to: &writer)
        writer.raw(","); writer.key("remoteIp")
        writer.strings(details["sourceIp"]?.stringValue.map { [$0] } ?? [])
        writer.raw(","); writer.key("serviceName"); writer.string(names.serviceName)
        writer.raw(","); writer.key("level"); writer.raw(actorType == .system ? #""SYSTEM""# : #""USER""#)
        switch dateField {
        case .eventDate: writer.raw(","); writer.key("eventDate")
        case .eventTime: writer.raw(","); writer.key("eventTime")
        }
        writer.string(event["timestamp"]?.stringValue ?? "")
        let message = names.message(status: status)
        writer.raw(","); writer.key("message"); writer.raw("{"); writer.key("localizableMessageCode"); writer.string(message.code)
        writer.raw(","); writer.key("message"); writer.string(message.text)
        writer.raw(#","messageWithParams":"","messageParams":{}}"#)
        writer.raw(","); writer.key("action"); writer.string(names.action)
        writer.raw(","); writer.key("entity"); writer.raw("{")
        if let resourceId = event["resourceId"]?.stringValue {
            writer.key("id"); writer.string(resourceId)
        }
        writer.raw("}")
        writer.raw(","); writer.key("entityType"); writer.string(names.entityType)
        writer.raw(","); writer.key("status"); writer.plainString(status)
        if viaApp {
            writer.raw(","); writer.key("application"); writer.plainString(Self.webAppName)
        } else if (variant >> 8) % 3 != 0 {
            writer.raw(#","application":"""#)
        }
        if case .object(let changes)? = details["changes"], !changes.isEmpty {
            writer.raw(","); writer.key("propertyChanges")
            Self.writePropertyChanges(changes, to: &writer)
        }
        writer.raw(#","initiatingAction":{},"transactionInitiator":false,"entityChanges":[]"#)
        writer.raw(","); writer.key("context")
        Self.writeContext(details, to: &writer)
        writer.raw("}")
    }

    /// `{"id": id}`, or for an absent side `{}` when `empty` and `{"id":""}` otherwise.
    private func actorSide(_ id: String, empty: Bool, to writer: inout JSONWriter) {
        if id.isEmpty && empty {
            writer.raw("{}")
        } else {
            writer.raw("{"); writer.key("id"); writer.string(id); writer.raw("}")
        }
    }
}
