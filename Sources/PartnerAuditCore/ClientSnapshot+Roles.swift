// MARK: - The live dialect's role grants

extension ClientSnapshot {
    /// The key of the client's stored JSON under which the live adapter records its roles (`RoleGrant.json`).
    package static let resolvedRolesKey = "resolvedRoles"

    /// The roles the client holds, each in its division, as the live adapter recorded them.
    ///
    /// Empty for a guide-dialect client (its grants are scopes). Reads the stored JSON, so a
    /// snapshot read back from the warehouse answers the same as the one the adapter built; a
    /// stored record that cannot be read is an error naming the client, never a silent empty list.
    package func roleGrants() throws(SourceDataError) -> [RoleGrant] {
        let stored: JSONValue
        do {
            stored = try JSONParser.parse(Array(rawJSON.utf8))
        } catch {
            throw SourceDataError(what: "OAuth client \(id)", field: "raw_json", reason: "is not JSON: \(error)")
        }
        guard let roles = stored[Self.resolvedRolesKey], roles != .null else { return [] }
        guard let list = roles.arrayValue else {
            throw SourceDataError(what: "OAuth client \(id)", field: Self.resolvedRolesKey, reason: "is not a list")
        }
        var grants: [RoleGrant] = []
        for role in list { grants.append(try RoleGrant(json: role, client: id)) }
        return grants
    }
}
