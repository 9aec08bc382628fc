import Hummingbird

extension SimulatorAPI {
    /// `GET /api/v2/oauth/scopes` (live): every scope id in one `OAuthScopeListing`.
    func scopeListing() -> Response {
        var writer = JSONWriter(capacity: 64 * (LiveRegistry.scopes.count + 1))
        writer.raw(#"{"total":"#); writer.int(LiveRegistry.scopes.count)
        writer.raw(#","entities":["#)
        var first = true
        for scope in LiveRegistry.scopes {
            writer.comma(&first)
            writer.raw("{"); writer.key("id"); writer.string(scope)
            writer.raw(","); writer.key("description"); writer.string("Grants access to \(scope)")
            writer.raw("}")
        }
        writer.raw(#"],"selfUri":"/api/v2/oauth/scopes"}"#)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `GET /api/v2/authorization/permissions?pageSize&pageNumber` (live): one
    /// `DomainPermissionCollection` per domain, its `permissionMap` by entity type, paged.
    func permissionsPage(_ request: Request) -> Response {
        numberedPage(request, of: LiveRegistry.permissionCollections, bytesPerItem: 1024,
                     nextURI: { size, number in "/api/v2/authorization/permissions?pageSize=\(size)&pageNumber=\(number)" }) { collection, _, writer in
            writer.raw("{"); writer.key("id"); writer.string(collection.domain)
            writer.raw(","); writer.key("name"); writer.string(collection.domain)
            writer.raw(","); writer.key("domain"); writer.string(collection.domain)
            writer.raw(","); writer.key("permissionMap"); writer.raw("{")
            var firstEntity = true
            for (entity, actions) in collection.entities {
                writer.comma(&firstEntity)
                writer.string(entity); writer.raw(":[")
                var firstAction = true
                for action in actions {
                    writer.comma(&firstAction)
                    writer.raw("{"); writer.key("domain"); writer.string(collection.domain)
                    writer.raw(","); writer.key("entityType"); writer.string(entity)
                    writer.raw(","); writer.key("action"); writer.string(action)
                    writer.raw(","); writer.key("label"); writer.string(action)
                    writer.raw(#","allowsConditions":false,"divisionAware":false}"#)
                }
                writer.raw("]")
            }
            writer.raw("}}")
        }
    }

    /// `GET /api/v2/audits/query/servicemapping` (live): the services, entity types and actions the
    /// audit query knows (`AuditQueryServiceMapping`): those the simulated organisation writes by name.
    func serviceMapping() -> Response {
        var services: [String: [String: Set<String>]] = [:]
        for names in LiveEventNames.known.values {
            services[names.serviceName, default: [:]][names.entityType, default: []].insert(names.action)
        }
        var writer = JSONWriter(capacity: 1024)
        writer.raw(#"{"services":["#)
        var firstService = true
        for (service, entities) in services.sorted(by: { $0.key < $1.key }) {
            writer.comma(&firstService)
            writer.raw("{"); writer.key("name"); writer.string(service)
            writer.raw(","); writer.key("entities"); writer.raw("[")
            var firstEntity = true
            for (entity, actions) in entities.sorted(by: { $0.key < $1.key }) {
                writer.comma(&firstEntity)
                writer.raw("{"); writer.key("name"); writer.string(entity)
                writer.raw(","); writer.key("actions"); writer.strings(actions.sorted())
                writer.raw("}")
            }
            writer.raw("]}")
        }
        writer.raw("]}")
        return JSONResponse.make(.ok, body: writer.buffer)
    }
}
