import PartnerAuditCore

/// Writes a guide-dialect audit event as the live dialect's audit message.
///
/// ```
/// {"id", "userHomeOrgId", "user": {"id"}, "client": {"id"}, "remoteIp": [sourceIp],
///  "serviceName", "level", "eventDate", "message": {"localizableMessageCode": action, …},
///  "action", "entity": {"id": resourceId}, "entityType", "status", "application"?,
///  "propertyChanges"?, "context": {every other details key: text}}
/// ```
/// For a seeded one in five events by a user or system, the absent actor side is `{}`
/// rather than `{"id":""}`; a third of the events without a user agent leave `application` out.
/// Everything from the source is escaped by the writer.
struct LiveAuditMessage {
    let seed: UInt64
    let organizationID: String

    /// The details keys that have a place of their own in the message.
    static let placedDetails: Set<String> = ["sourceIp", "userAgent", "changes"]

    /// Writes the message of one guide event (a parsed JSON object).
    func write(_ event: JSONValue, to writer: inout JSONWriter) {
        let id = event["id"]?.stringValue ?? ""
        let actorType = ActorType(text: event["actorType"]?.stringValue ?? "")
        let actorId = event["actorId"]?.stringValue ?? ""
        let guideAction = event["action"]?.stringValue ?? ""
        let details = event["details"] ?? .object([:])
        let names = LiveEventNames.of(guideAction)
        let variant = SeededHash.hash(seed, 102, SeededHash.text(id))

        writer.raw("{"); writer.key("id"); writer.string(id)
        writer.raw(","); writer.key("userHomeOrgId"); writer.plainString(organizationID)
        let emptySides = actorType != .oauthClient && variant % 5 == 0
        writer.raw(","); writer.key("user"); actorSide(actorType == .user ? actorId : "", empty: emptySides, to: &writer)
        writer.raw(","); writer.key("client"); actorSide(actorType == .oauthClient ? actorId : "", empty: emptySides, to: &writer)
        writer.raw(","); writer.key("remoteIp")
        writer.strings(details["sourceIp"]?.stringValue.map { [$0] } ?? [])
        writer.raw(","); writer.key("serviceName"); writer.string(names.serviceName)
        writer.raw(","); writer.key("level"); writer.raw(actorType == .system ? #""SYSTEM""# : #""USER""#)
        writer.raw(","); writer.key("eventDate"); writer.string(event["timestamp"]?.stringValue ?? "")
        writer.raw(","); writer.key("message"); writer.raw("{"); writer.key("localizableMessageCode"); writer.string(guideAction)
        writer.raw(#","message":"","messageParams":{}}"#)
        writer.raw(","); writer.key("action"); writer.string(names.action)
        writer.raw(","); writer.key("entity"); writer.raw("{")
        if let resourceId = event["resourceId"]?.stringValue {
            writer.key("id"); writer.string(resourceId)
        }
        writer.raw("}")
        writer.raw(","); writer.key("entityType"); writer.string(names.entityType)
        writer.raw(","); writer.key("status"); writer.plainString(LiveEventNames.status(of: event["outcome"]?.stringValue.map(Outcome.init(text:))))
        let application = details["userAgent"]?.stringValue ?? ""
        if !application.isEmpty || (variant >> 8) % 3 != 0 {
            writer.raw(","); writer.key("application"); writer.string(application)
        }
        if case .object(let changes)? = details["changes"], !changes.isEmpty {
            writer.raw(","); writer.key("propertyChanges")
            Self.writePropertyChanges(changes, to: &writer)
        }
        writer.raw(","); writer.key("context")
        Self.writeContext(details, to: &writer)
        writer.raw("}")
    }

    /// `{"id": id}`, or `{}` for an absent side when `empty`.
    private func actorSide(_ id: String, empty: Bool, to writer: inout JSONWriter) {
        if id.isEmpty && empty {
            writer.raw("{}")
        } else {
            writer.raw("{"); writer.key("id"); writer.string(id); writer.raw("}")
        }
    }
}
