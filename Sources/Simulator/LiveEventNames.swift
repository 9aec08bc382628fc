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
    static let known: [String: LiveEventNames] = [
        "api.request": .init(entityType: "ApiRequest", action: "Execute", serviceName: "Platform"),
        "oauth.token.issued": .init(entityType: "AccessToken", action: "Authenticate", serviceName: "OAuth"),
        "oauth.token.denied": .init(entityType: "AccessToken", action: "Authenticate", serviceName: "OAuth"),
        "oauth.token.revoke": .init(entityType: "AccessToken", action: "Revoke", serviceName: "OAuth"),
        "oauthclient.create": .init(entityType: "OAuthClient", action: "Create", serviceName: "OAuth"),
        "oauthclient.update": .init(entityType: "OAuthClient", action: "Update", serviceName: "OAuth"),
        "oauthclient.delete": .init(entityType: "OAuthClient", action: "Delete", serviceName: "OAuth"),
        "oauthclient.secret.rotate": .init(entityType: "OAuthClient", action: "Rotate", serviceName: "OAuth"),
    ]

    /// The live names of a guide action.
    static func of(_ guideAction: String) -> LiveEventNames {
        if let known = known[guideAction] { return known }
        guard let dot = guideAction.firstIndex(of: ".") else {
            return LiveEventNames(entityType: guideAction, action: "", serviceName: capitalised(guideAction))
        }
        let entity = String(guideAction[..<dot])
        return LiveEventNames(entityType: entity, action: String(guideAction[guideAction.index(after: dot)...]),
                               serviceName: capitalised(entity))
    }

    /// The live `status` of a guide outcome: `SUCCESS`, `FAILURE` (failure, denied) or `WARNING`.
    static func status(of outcome: String?) -> String {
        switch outcome {
        case "success": "SUCCESS"
        case "failure", "denied": "FAILURE"
        default: "WARNING"
        }
    }

    private static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
