/// The questions the rules and the reports ask of audit events, each defined once here and
/// turned into exactly one SQL expression by the warehouse (`EventPredicate.sql`), so a
/// report's denial timeline and AN-1 cannot count different things.
package enum EventPredicate: Sendable, Hashable, CaseIterable {
    /// Refused: a token denied, or a call answered 401 or 403 (rules.md, AN-1).
    case denial
    /// A call to the platform API by a partner app (an OAuth client acting on its own).
    case partnerRequest
    /// A call answered 429: the shared request budget was exceeded.
    case rateLimited
    /// A token issued to a client.
    case tokenIssued
    /// A partner app's traffic from a source address: its calls and its token requests, where
    /// the address was recorded (the allowlist and environment rules judge these).
    case partnerTraffic
    /// A create, update, delete or secret rotation of an OAuth client.
    case clientChange

    /// Whether `event` is one the predicate selects: the same answer the warehouse's SQL gives.
    package func matches(_ event: AuditEvent) -> Bool {
        switch self {
        case .denial:
            event.action == .tokenDenied || (event.action == .apiRequest && (event.status == 401 || event.status == 403))
        case .partnerRequest: event.actorType == .oauthClient && event.action == .apiRequest
        case .rateLimited: event.action == .apiRequest && event.status == 429
        case .tokenIssued: event.action == .tokenIssued
        case .partnerTraffic: event.actorType == .oauthClient && event.sourceIP != nil && AuditAction.traffic.contains(event.action)
        case .clientChange: AuditAction.clientChanges.contains(event.action)
        }
    }
}
