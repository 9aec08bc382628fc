import PartnerAuditCore

/// A role of the live dialect and the permissions its policies grant.
struct LiveRole: Sendable {
    var id: String
    var name: String
    /// `domain:entity:action` for each action of each permission policy; `*` kept as written.
    var permissions: [String]

    init(json: JSONValue) throws(SourceDataError) {
        guard let id = json["id"]?.nonEmptyString else { throw SourceDataError(what: "role", field: "id", reason: "is missing or empty") }
        self.id = id
        name = json["name"]?.stringValue ?? ""
        var permissions: [String] = []
        for policy in json["permissionPolicies"]?.arrayValue ?? [] {
            guard let domain = policy["domain"]?.nonEmptyString, let entity = policy["entityName"]?.nonEmptyString else {
                throw SourceDataError(what: "role \(id)", field: "permissionPolicies", reason: "has a policy without a domain or entityName")
            }
            guard let actions = policy["actionSet"]?.stringArray, !actions.isEmpty else {
                throw SourceDataError(what: "role \(id)", field: "permissionPolicies", reason: "has a policy for \(domain):\(entity) without an actionSet")
            }
            permissions += actions.map { "\(domain):\(entity):\($0)" }
        }
        self.permissions = permissions
    }

    /// The role as granted to a client in `division` (`nil` when only `roleIds` named it).
    func grant(division: String?) -> RoleGrant {
        RoleGrant(roleID: id, roleName: name, divisionID: division, permissions: permissions)
    }
}
