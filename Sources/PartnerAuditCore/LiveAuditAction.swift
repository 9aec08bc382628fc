/// How the live dialect's `entityType` + `action` + `status` name what the guide dialect calls
/// `action` + `outcome` (source-api.md section 4), so the rules read one vocabulary.
///
/// The pairs the rules know are mapped to the guide's names; any other pair becomes
/// `entitytype.action` in lower case (`Queue` + `Update` → `queue.update`).
package enum LiveAuditAction {
    /// The guide-dialect action of a live audit message.
    package static func guideAction(entityType: String, action: String, status: String) -> String {
        switch (entityType, action) {
        case ("ApiRequest", "Execute"): "api.request"
        case ("AccessToken", "Authenticate"): status == "SUCCESS" ? "oauth.token.issued" : "oauth.token.denied"
        case ("AccessToken", "Revoke"): "oauth.token.revoke"
        case ("OAuthClient", "Create"): "oauthclient.create"
        case ("OAuthClient", "Update"): "oauthclient.update"
        case ("OAuthClient", "Delete"): "oauthclient.delete"
        case ("OAuthClient", "Rotate"): "oauthclient.secret.rotate"
        case (_, ""): entityType.lowercased()
        case ("", _): action.lowercased()
        default: "\(entityType.lowercased()).\(action.lowercased())"
        }
    }

    /// The guide-dialect outcome: `SUCCESS` → `success`; a refused token → `denied`;
    /// any other `FAILURE` → `failure`; `WARNING` (or anything else) → `warning`.
    package static func outcome(status: String, guideAction: String) -> String {
        switch status.uppercased() {
        case "SUCCESS": "success"
        case "FAILURE": guideAction == "oauth.token.denied" ? "denied" : "failure"
        default: "warning"
        }
    }
}
