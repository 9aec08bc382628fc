import PartnerAuditCore

/// An event planned before it has an id; rendered into a `PlantedEvent` once ids are assigned.
struct EventDraft: Sendable {
    var timestamp: Int64
    /// Milliseconds between `timestamp` and visibility (late events only).
    var delay: Int64 = 0
    var actorType: ActorType
    var actorId: String
    var action: AuditAction
    var resource: String
    var resourceId: String?
    var outcome: Outcome
    var details: JSONTree

    /// Renders the draft under an id.
    func planted(id: String) -> PlantedEvent {
        var writer = JSONWriter(capacity: 512)
        writer.raw("{")
        writer.key("id"); writer.string(id)
        writer.raw(","); writer.key("actorType"); writer.plainString(actorType.text)
        writer.raw(","); writer.key("actorId"); writer.string(actorId)
        writer.raw(","); writer.key("timestamp"); writer.timestamp(timestamp)
        writer.raw(","); writer.key("action"); writer.string(action.text)
        writer.raw(","); writer.key("resource"); writer.string(resource)
        if let resourceId {
            writer.raw(","); writer.key("resourceId"); writer.string(resourceId)
        }
        writer.raw(","); writer.key("outcome"); writer.string(outcome.text)
        writer.raw(","); writer.key("details"); writer.value(details)
        writer.raw("}")
        return PlantedEvent(
            id: id, timestamp: timestamp, visibleAt: timestamp + delay,
            actorType: actorType, actorId: actorId, action: action, json: writer.bytes
        )
    }
}
