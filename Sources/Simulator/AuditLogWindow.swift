/// One audit-log query, in milliseconds: `[from, to)`, as seen at `now`, filtered by actor.
struct AuditLogWindow: Sendable {
    var from: Int64
    var to: Int64
    /// Events that happened after it, or become visible after it, are not served.
    var now: Int64
    var filter: ActorFilter = .none
}
