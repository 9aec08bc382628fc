import PartnerAuditCore

/// An event kept whole rather than generated: must-haves, timed bursts, late arrivals, runtime edits.
///
/// Its JSON is rendered once when it is created.
struct PlantedEvent: Sendable {
    let id: String
    /// When it happened, in milliseconds since 1970.
    let timestamp: Int64
    /// From when the API serves it (after `timestamp` for a late event).
    let visibleAt: Int64
    let actorType: ActorType
    let actorId: String
    let action: AuditAction
    /// The whole event object, as JSON bytes.
    let json: [UInt8]

    /// Whether it sorts before another planted event: by `(timestamp, id)`.
    func precedes(_ other: PlantedEvent) -> Bool {
        timestamp != other.timestamp ? timestamp < other.timestamp : id < other.id
    }
}
