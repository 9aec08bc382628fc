import PartnerAuditCore

extension EventPredicate {
    /// The predicate as one SQL expression over `event_log`'s columns: the only SQL form of it.
    var sql: String {
        switch self {
        case .denial:
            // Two terms on `action`, so SQLite can read each through the (action, timestamp) index.
            "(action = \(AuditAction.tokenDenied.sqlLiteral) OR (action = \(AuditAction.apiRequest.sqlLiteral) AND status IN (401, 403)))"
        case .partnerRequest:
            "(\(byPartnerApp) AND action = \(AuditAction.apiRequest.sqlLiteral))"
        case .rateLimited:
            "(action = \(AuditAction.apiRequest.sqlLiteral) AND status = 429)"
        case .tokenIssued:
            "(action = \(AuditAction.tokenIssued.sqlLiteral))"
        case .partnerTraffic:
            "(\(byPartnerApp) AND source_ip IS NOT NULL AND action IN (\(AuditAction.traffic.sqlList)))"
        case .clientChange:
            "(action IN (\(AuditAction.clientChanges.sqlList)))"
        }
    }
}

/// The SQL of "the actor is a partner app": an OAuth client acting on its own.
let byPartnerApp = "actor_type = \(ActorType.oauthClient.sqlLiteral)"

/// The SQL of "the event is a gateway access-log line" (its id carries `GatewayRequest.eventIDPrefix`).
let fromGateway = "substr(id, 1, \(GatewayRequest.eventIDPrefix.utf8.count)) = '\(GatewayRequest.eventIDPrefix)'"

extension OpenVocabulary {
    /// The word as an SQL string literal (quotes doubled).
    var sqlLiteral: String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension Array where Element: OpenVocabulary {
    /// The words as a comma-separated list of SQL string literals, for `IN (…)`.
    var sqlList: String { map(\.sqlLiteral).joined(separator: ", ") }
}
