import PartnerAuditCore

extension EventPredicate {
    /// The predicate as one SQL expression over `event_log`'s columns: the only SQL form of it.
    var sql: String {
        switch self {
        case .denial:
            "(\(Self.byAction(.tokenDenied)) OR (action = \(AuditAction.apiRequest.sqlLiteral) AND status IN (401, 403)))"
        case .partnerRequest:
            "(\(byPartnerApp) AND action = \(AuditAction.apiRequest.sqlLiteral))"
        case .rateLimited:
            "(action = \(AuditAction.apiRequest.sqlLiteral) AND status = 429)"
        case .tokenIssued:
            Self.byAction(.tokenIssued)
        case .partnerTraffic:
            "(\(byPartnerApp) AND source_ip IS NOT NULL AND action IN (\(AuditAction.traffic.sqlList)))"
        case .clientChange:
            "(action IN (\(AuditAction.clientChanges.sqlList)) AND \(EventLogTable.byActionCondition))"
        }
    }

    /// The SQL of "the action is `action`" (not `api.request`), with the condition that lets
    /// SQLite read it through `event_log_by_action`.
    static func byAction(_ action: AuditAction) -> String {
        "(action = \(action.sqlLiteral) AND \(EventLogTable.byActionCondition))"
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
