import Hummingbird

extension SimulatorAPI {
    /// `GET /api/v2/authorization/roles?pageSize&pageNumber` (live): the roles, paged like the
    /// clients; the partner apps' roles, then the extractor's own.
    func rolesPage(_ request: Request) -> Response {
        numberedPage(request, of: organization.liveRoles + [auditorRole], bytesPerItem: 512,
                     nextURI: { size, number in "/api/v2/authorization/roles?pageSize=\(size)&pageNumber=\(number)" }) { role, _, writer in
            Self.write(role, to: &writer)
        }
    }

    /// The extractor's own client's role, with the writes the `overgrant` fault adds.
    var auditorRole: LiveRole { organization.auditorRole(overgranted: state.faults.overgrantedAuditor) }

    /// `{"id", "name", "description", "permissionPolicies": [...], "userCount": 0}`.
    private static func write(_ role: LiveRole, to writer: inout JSONWriter) {
        writer.raw("{"); writer.key("id"); writer.plainString(role.id)
        writer.raw(","); writer.key("name"); writer.string(role.name)
        writer.raw(","); writer.key("description"); writer.string(role.description)
        writer.raw(","); writer.key("permissionPolicies"); writer.raw("[")
        var first = true
        for policy in role.policies {
            writer.comma(&first)
            writer.raw("{"); writer.key("id"); writer.plainString(policy.id)
            writer.raw(","); writer.key("domain"); writer.string(policy.domain)
            writer.raw(","); writer.key("entityName"); writer.string(policy.entityName)
            writer.raw(","); writer.key("actionSet"); writer.strings(policy.actionSet)
            writer.raw(#","allowConditions":false}"#)
        }
        writer.raw(#"],"userCount":0}"#)
    }
}
