/// How the live dialect's `serviceName` + `entityType` + `action` + `status` name what the event
/// model calls an action and an outcome (source-api.md section 4), so the rules read one vocabulary.
///
/// The messages the rules know are mapped to `AuditAction`'s cases: an OAuth client created,
/// updated, deleted or its secret rotated, and a token created by a client acting on its own
/// (`AccessToken/Create`, `ACCESSTOKENCREATE_SUCCESS`). Any other message keeps its own name,
/// `serviceName/entityType/action` (`PeoplePermissions/Role/Update`), as `.other`.
package enum LiveAuditAction {
    /// The event model's action of a live audit message.
    ///
    /// - Parameter actor: who acted (`AuditEvent(liveJSON:)`'s actor rule); a token is issued
    ///   *to a client* only when the client acted with its own credentials.
    package static func action(serviceName: String, entityType: String, action: String, status: String, actor: ActorType) -> AuditAction {
        switch (entityType, action) {
        case ("OAuthClient", "Create"): return .clientCreated
        case ("OAuthClient", "Update"): return .clientUpdated
        case ("OAuthClient", "Delete"): return .clientDeleted
        case ("OAuthClient", "Rotate"): return .clientSecretRotated
        case ("AccessToken", "Create") where actor == .oauthClient:
            return status.uppercased() == "SUCCESS" ? .tokenIssued : .tokenDenied
        case ("AccessToken", "Revoke"): return .tokenRevoked
        default: return .other(name(serviceName: serviceName, entityType: entityType, action: action))
        }
    }

    /// `serviceName/entityType/action`, leaving out the parts the message does not name.
    package static func name(serviceName: String, entityType: String, action: String) -> String {
        [serviceName, entityType, action].filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// The outcome: `SUCCESS` → success; a refused token → denied; any other `FAILURE` →
    /// failure; `WARNING` (or anything else) → warning.
    package static func outcome(status: String, action: AuditAction) -> Outcome {
        switch status.uppercased() {
        case "SUCCESS": .success
        case "FAILURE": action == .tokenDenied ? .denied : .failure
        default: .warning
        }
    }
}
