/// One role an OAuth client holds in the live dialect, in one division, with the permissions it grants.
///
/// The live adapter writes these into the client's stored JSON (`ClientSnapshot.resolvedRolesKey`),
/// so a change of a role's permissions or of its division is a change in the client's history,
/// and the rules read them back through `ClientSnapshot.roleGrants()`.
package struct RoleGrant: Sendable, Hashable {
    /// The division id that means every division: a wildcard grant (source-api.md section 4).
    package static let everyDivision = "*"

    package var roleID: String
    package var roleName: String
    /// The division the role is granted in; `nil` when only the deprecated `roleIds` named the role.
    package var divisionID: String?
    /// `domain:entity:action` for each action of each of the role's permission policies.
    package var permissions: [String]

    package init(roleID: String, roleName: String, divisionID: String?, permissions: [String]) {
        self.roleID = roleID
        self.roleName = roleName
        self.divisionID = divisionID
        self.permissions = permissions
    }

    /// Whether the role is granted in every division (`divisionId: "*"`).
    package var isEveryDivision: Bool { divisionID == Self.everyDivision }

    /// The grant as the client's stored JSON holds it: `{id, name, divisionId, permissions}`.
    package var json: JSONValue {
        .object([
            "id": .string(roleID), "name": .string(roleName), "divisionId": divisionID.map(JSONValue.string) ?? .null,
            "permissions": .array(permissions.map(JSONValue.string)),
        ])
    }

    /// Reads a grant that `json` wrote; the error names the client and what is wrong.
    package init(json: JSONValue, client: String) throws(SourceDataError) {
        guard let id = json["id"]?.nonEmptyString else {
            throw SourceDataError(what: "OAuth client \(client)", field: ClientSnapshot.resolvedRolesKey, reason: "has a role without an id")
        }
        guard let permissions = json["permissions"]?.stringArray else {
            throw SourceDataError(what: "OAuth client \(client)", field: ClientSnapshot.resolvedRolesKey, reason: "has role \(id) without a permission list")
        }
        self.init(roleID: id, roleName: json["name"]?.stringValue ?? "", divisionID: json["divisionId"]?.nonEmptyString, permissions: permissions)
    }
}
