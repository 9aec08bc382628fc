/// What an audit event records: the action names of the event model (source-api.md section 3).
///
/// The live dialect's `entityType` + `action` pairs are translated into these names
/// (`LiveAuditAction`), so the rules read one vocabulary whichever dialect ran. This file is
/// where each action's text is written.
package enum AuditAction: OpenVocabulary {
    /// A call to the platform API by a client (`details` has method, path, status).
    case apiRequest
    case tokenIssued
    case tokenDenied
    case tokenRevoked
    case clientCreated
    case clientUpdated
    case clientDeleted
    case clientSecretRotated
    case other(String)

    package static let named: [AuditAction] = [
        .apiRequest, .tokenIssued, .tokenDenied, .tokenRevoked, .clientCreated, .clientUpdated, .clientDeleted, .clientSecretRotated,
    ]

    package var text: String {
        switch self {
        case .apiRequest: "api.request"
        case .tokenIssued: "oauth.token.issued"
        case .tokenDenied: "oauth.token.denied"
        case .tokenRevoked: "oauth.token.revoke"
        case .clientCreated: "oauthclient.create"
        case .clientUpdated: "oauthclient.update"
        case .clientDeleted: "oauthclient.delete"
        case .clientSecretRotated: "oauthclient.secret.rotate"
        case .other(let text): text
        }
    }

    /// The changes of an OAuth client that change management judges (CM-1…3).
    package static let clientChanges: [AuditAction] = [.clientCreated, .clientUpdated, .clientDeleted, .clientSecretRotated]

    /// The traffic of a partner app from a source address: its calls and its token requests.
    package static let traffic: [AuditAction] = [.apiRequest, .tokenIssued, .tokenDenied]
}
