import PartnerAuditCore

/// How the live dialect names a guide action: `serviceName`, `entityType` and `action`.
///
/// The known ones follow the platform (`PeoplePermissions/OAuthClient/Update`,
/// `PeoplePermissions/AccessToken/Create` for a token, issued or refused); the rest are
/// `a.b.c` → entity type `a`, action `b.c`, service `A`. An API request has no live name: the
/// live audit log does not record requests (`AuditLogEntry.isLiveAudited`).
struct LiveEventNames: Sendable, Hashable {
    let serviceName: String
    let entityType: String
    let action: String

    /// The guide actions with a name of their own in the live dialect.
    static let known: [AuditAction: LiveEventNames] = [
        .tokenIssued: .init(serviceName: "PeoplePermissions", entityType: "AccessToken", action: "Create"),
        .tokenDenied: .init(serviceName: "PeoplePermissions", entityType: "AccessToken", action: "Create"),
        .tokenRevoked: .init(serviceName: "PeoplePermissions", entityType: "AccessToken", action: "Revoke"),
        .clientCreated: .init(serviceName: "PeoplePermissions", entityType: "OAuthClient", action: "Create"),
        .clientUpdated: .init(serviceName: "PeoplePermissions", entityType: "OAuthClient", action: "Update"),
        .clientDeleted: .init(serviceName: "PeoplePermissions", entityType: "OAuthClient", action: "Delete"),
        .clientSecretRotated: .init(serviceName: "PeoplePermissions", entityType: "OAuthClient", action: "Rotate"),
        "user.login": .init(serviceName: "PeoplePermissions", entityType: "AuthUser", action: "Authenticate"),
        "routing.queue.update": .init(serviceName: "Routing", entityType: "Queue", action: "Update"),
        "analytics.export.create": .init(serviceName: "AnalyticsReporting", entityType: "Exports", action: "Create"),
    ]

    /// The live names of a guide action.
    static func of(_ guideAction: String) -> LiveEventNames {
        if let known = known[AuditAction(text: guideAction)] { return known }
        guard let dot = guideAction.firstIndex(of: ".") else {
            return LiveEventNames(serviceName: capitalised(guideAction), entityType: guideAction, action: "")
        }
        let entity = String(guideAction[..<dot])
        return LiveEventNames(serviceName: capitalised(entity), entityType: entity, action: String(guideAction[guideAction.index(after: dot)...]))
    }

    /// The message's `localizableMessageCode` and `message`: the platform's own for a token
    /// (`ACCESSTOKENCREATE_SUCCESS`, `ACCESS_TOKEN_CREATE_FAILURE`), else `ENTITYACTION_STATUS`.
    func message(status: String) -> (code: String, text: String) {
        switch (entityType, action, status) {
        case ("AccessToken", "Create", "SUCCESS"): ("ACCESSTOKENCREATE_SUCCESS", "access token created")
        case ("AccessToken", "Create", _): ("ACCESS_TOKEN_CREATE_FAILURE", "failed to create access token")
        default: ("\(entityType.uppercased())\(action.uppercased())_\(status)", "")
        }
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
