import PartnerAuditCore

/// How the live dialect names a guide action: `entityType`, `action` and `serviceName`.
///
/// The known pairs, and `a.b.c` → entity type `a`, action `b.c`, service `A` for the rest.
/// A client maps back by the known pairs (`AccessToken` `Authenticate` is `oauth.token.issued`
/// on success, `oauth.token.denied` on failure), else `entityType.lowercased() + "." + action.lowercased()`.
struct LiveEventNames: Sendable, Hashable {
    let entityType: String
    let action: String
    let serviceName: String

    /// The guide actions with a name of their own in the live dialect.
    static let known: [AuditAction: LiveEventNames] = [
        .apiRequest: .init(entityType: "ApiRequest", action: "Execute", serviceName: "Platform"),
        .tokenIssued: .init(entityType: "AccessToken", action: "Authenticate", serviceName: "OAuth"),
        .tokenDenied: .init(entityType: "AccessToken", action: "Authenticate", serviceName: "OAuth"),
        .tokenRevoked: .init(entityType: "AccessToken", action: "Revoke", serviceName: "OAuth"),
        .clientCreated: .init(entityType: "OAuthClient", action: "Create", serviceName: "OAuth"),
        .clientUpdated: .init(entityType: "OAuthClient", action: "Update", serviceName: "OAuth"),
        .clientDeleted: .init(entityType: "OAuthClient", action: "Delete", serviceName: "OAuth"),
        .clientSecretRotated: .init(entityType: "OAuthClient", action: "Rotate", serviceName: "OAuth"),
    ]

    /// The live names of a guide action.
    static func of(_ guideAction: String) -> LiveEventNames {
        if let known = known[AuditAction(text: guideAction)] { return known }
        guard let dot = guideAction.firstIndex(of: ".") else {
            return LiveEventNames(entityType: guideAction, action: "", serviceName: capitalised(guideAction))
        }
        let entity = String(guideAction[..<dot])
        return LiveEventNames(entityType: entity, action: String(guideAction[guideAction.index(after: dot)...]),
                               serviceName: capitalised(entity))
    }

    /// The live `status` of a guide outcome: `SUCCESS`, `FAILURE` (failure, denied) or `WARNING`.
    static func status(of outcome: Outcome?) -> String {
        switch outcome {
        case .success: "SUCCESS"
        case .failure, .denied: "FAILURE"
        default: "WARNING"
        }
    }

    private static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
