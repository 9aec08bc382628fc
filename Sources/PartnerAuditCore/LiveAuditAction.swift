/// How the live dialect's `entityType` + `action` + `status` name what the event model calls
/// an action and an outcome (source-api.md section 4), so the rules read one vocabulary.
///
/// The pairs the rules know are mapped to `AuditAction`'s cases; any other pair becomes
/// `entitytype.action` in lower case (`Queue` + `Update` → `queue.update`).
package enum LiveAuditAction {
    /// The event model's action of a live audit message.
    package static func action(entityType: String, action: String, status: String) -> AuditAction {
        switch (entityType, action) {
        case ("ApiRequest", "Execute"): .apiRequest
        case ("AccessToken", "Authenticate"): status == "SUCCESS" ? .tokenIssued : .tokenDenied
        case ("AccessToken", "Revoke"): .tokenRevoked
        case ("OAuthClient", "Create"): .clientCreated
        case ("OAuthClient", "Update"): .clientUpdated
        case ("OAuthClient", "Delete"): .clientDeleted
        case ("OAuthClient", "Rotate"): .clientSecretRotated
        case (_, ""): AuditAction(text: entityType.lowercased())
        case ("", _): AuditAction(text: action.lowercased())
        default: AuditAction(text: "\(entityType.lowercased()).\(action.lowercased())")
        }
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
