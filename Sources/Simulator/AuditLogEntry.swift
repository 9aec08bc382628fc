/// One event of a merged window: generated (by index) or planted.
enum AuditLogEntry {
    case generated(Int)
    case planted(PlantedEvent)
}

extension AuditLogEntry {
    /// Whether the live dialect's audit log records this event: every event but an API request,
    /// which only the guide dialect has (the live platform counts calls in its API Usage service).
    func isLiveAudited(_ generated: GeneratedEvents) -> Bool {
        switch self {
        case .generated(let index): !generated.isAPIRequest(index)
        case .planted(let event): event.action != .apiRequest
        }
    }
}
