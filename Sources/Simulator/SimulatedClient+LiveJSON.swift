import Foundation
import PartnerAuditCore

extension SimulatedClient {
    /// The keys `writeLive` writes itself; an unknown field of the same name is not written again.
    static let liveKeys: Set<String> = [
        "id", "name", "description", "accessTokenValiditySeconds", "registeredRedirectUri", "authorizedGrantType", "scope",
        "roleDivisions", "roleIds", "secret", "state", "dateCreated", "dateModified", "createdBy", "modifiedBy", "dateToDelete", "type",
        "allowAccessToAllUsers", "isThirdParty", "secretLastRotated",
    ]

    /// The live API's spelling of the grant type (`CLIENT-CREDENTIALS`, `CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD`).
    var liveGrantType: String {
        switch grantType {
        case "client_credentials": "CLIENT-CREDENTIALS"
        case "authorization_code": "CODE"
        case "implicit": "TOKEN"
        case "saml2_bearer": "SAML2-BEARER"
        case "password": "PASSWORD"
        default: grantType.uppercased().replacingOccurrences(of: "_", with: "-")
        }
    }

    /// Writes the client as the live dialect's full `OAuthClient` (source-api.md section 4).
    ///
    /// A client-credentials client carries its one role (or none) as `roleDivisions` and the
    /// deprecated `roleIds`, or, where `shape.onlyRoleIDs`, as `roleIds` alone; it has no
    /// `scope`. Any other grant carries its scopes as `scope` and no roles. Never an
    /// `ipWhitelist`: the live allowlist is organisation-wide. `type`, `allowAccessToAllUsers`,
    /// `isThirdParty`, `secretLastRotated` and the unknown fields are kept as in the guide dialect.
    func writeLive(to writer: inout JSONWriter, shape: LiveClientShape) {
        writer.raw("{")
        writer.key("id"); writer.string(id)
        writer.raw(","); writer.key("name"); writer.string(name)
        if let description {
            writer.raw(","); writer.key("description"); writer.string(description)
        }
        writer.raw(#","accessTokenValiditySeconds":86400"#)
        writer.raw(","); writer.key("registeredRedirectUri"); writer.strings(redirectUris)
        if let secret = shape.secret {
            writer.raw(","); writer.key("secret"); writer.string(secret)
        }
        if shape.listsGrantType {
            writer.raw(","); writer.key("authorizedGrantType"); writer.string(liveGrantType)
        }
        if grantType == "client_credentials" {
            if !shape.onlyRoleIDs {
                writer.raw(","); writer.key("roleDivisions"); writer.raw("[")
                if let roleID = shape.roleID {
                    writer.raw("{"); writer.key("roleId"); writer.plainString(roleID)
                    writer.raw(","); writer.key("divisionId"); writer.string(shape.divisionID); writer.raw("}")
                }
                writer.raw("]")
            }
            writer.raw(","); writer.key("roleIds"); writer.strings(shape.roleID.map { [$0] } ?? [])
        } else {
            writer.raw(","); writer.key("scope"); writer.strings(scopes)
        }
        writer.raw(","); writer.key("state"); writer.string(state)
        writer.raw(","); writer.key("dateCreated"); writer.plainString(Timestamp.format(dateCreated))
        writer.raw(","); writer.key("dateModified"); writer.plainString(Timestamp.format(dateModified))
        writer.raw(","); writer.key("createdBy"); writer.raw("{"); writer.key("id"); writer.string(shape.admin); writer.raw("}")
        writer.raw(","); writer.key("modifiedBy"); writer.raw("{"); writer.key("id"); writer.string(shape.admin); writer.raw("}")
        if state != "active" {
            writer.raw(","); writer.key("dateToDelete"); writer.plainString(Timestamp.format(dateModified.addingTimeInterval(TimeSpan.days(30).seconds)))
        }
        writer.raw(","); writer.key("type"); writer.string(type)
        writer.raw(","); writer.key("allowAccessToAllUsers"); writer.bool(allowAccessToAllUsers)
        writer.raw(","); writer.key("isThirdParty"); writer.bool(isThirdParty)
        if let secretLastRotated {
            writer.raw(","); writer.key("secretLastRotated"); writer.plainString(Timestamp.format(secretLastRotated))
        }
        for name in unknownFields.keys.sorted() where !Self.liveKeys.contains(name) {
            guard let raw = unknownFields[name] else { continue }
            writer.raw(","); writer.string(name); writer.raw(":")
            writer.rawText(raw)
        }
        writer.raw("}")
    }
}
