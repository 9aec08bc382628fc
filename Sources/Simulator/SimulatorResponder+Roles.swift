import Hummingbird

extension SimulatorResponder {
    /// `GET /api/v2/authorization/roles?pageSize&pageNumber` (live): the roles, paged like the clients.
    func rolesPage(_ request: Request) -> (Response, ByteBuffer?) {
        let query = QueryParameters(request)
        let pageSize: Int, pageNumber: Int
        do {
            pageSize = try query.integer("pageSize", default: 25, in: 1...500)
            pageNumber = try query.integer("pageNumber", default: 1, in: 1...Int(Int32.max))
        } catch {
            state.count { $0.badRequests += 1 }
            return (JSONResponse.error(.badRequest, code: "bad.request", message: error.description), nil)
        }
        let roles = organization.liveRoles
        let first = min((pageNumber - 1).multipliedReportingOverflow(by: pageSize).partialValue, roles.count)
        let page = roles[first..<min(first + pageSize, roles.count)]
        var writer = JSONWriter(capacity: 512 * (page.count + 1))
        writer.raw(#"{"entities":["#)
        var isFirst = true
        for role in page {
            writer.comma(&isFirst)
            Self.write(role, to: &writer)
        }
        writer.raw(#"],"pageSize":"#); writer.int(pageSize)
        writer.raw(#","pageNumber":"#); writer.int(pageNumber)
        writer.raw(#","total":"#); writer.int(roles.count)
        writer.raw(#","pageCount":"#); writer.int((roles.count + pageSize - 1) / pageSize)
        writer.raw("}")
        let body = writer.buffer
        return (JSONResponse.make(.ok, body: body), body)
    }

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
