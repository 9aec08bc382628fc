import PartnerAuditCore

/// The `actorType` / `actorId` filter of an audit-log query.
struct ActorFilter: Sendable, Hashable {
    var type: ActorType?
    var id: String?

    static let none = ActorFilter(type: nil, id: nil)

    /// Whether the filter lets every event through.
    var isNone: Bool { type == nil && id == nil }

    /// Whether an event by this actor passes the filter.
    func matches(type actorType: ActorType, id actorId: String) -> Bool {
        (type == nil || type == actorType) && (id == nil || id == actorId)
    }
}
