import Testing
@testable import Simulator

@Suite("Live permissions")
struct LivePermissionTests {
    static let table: [(scope: String, permission: String)] = [
        ("routing:queue:read", "routing:queue:view"), ("routing:queue:write", "routing:queue:edit"),
        ("interaction:read", "conversation:communication:view"), ("interaction:write", "conversation:conference:add"),
        ("analytics:report:read", "analytics:reportingExport:view"),
        ("analytics:conversation:read", "analytics:conversationDetail:view"),
        ("users:read", "directory:user:view"), ("users:write", "directory:user:edit"),
        ("recording:read", "recording:recording:view"), ("recording:delete", "recording:recording:delete"),
        ("externalcontacts:contact:read", "externalContacts:contact:view"),
        ("externalcontacts:contact:write", "externalContacts:contact:add"),
        ("oauth:client:read", "oauth:client:view"), ("oauth:client:admin", "oauth:client:add"),
    ]

    @Test("Each catalogued scope translates to its permission")
    func catalogedScopesTranslate() {
        for (scope, permission) in Self.table {
            #expect(LivePermissions.permission(forScope: scope) == permission, "\(scope)")
        }
        #expect(LivePermissions.table.count == Self.table.count)
    }

    @Test("Wildcards keep their stars and fill missing segments; other scopes pass through")
    func wildcardsAndUnknownScopes() {
        #expect(LivePermissions.permission(forScope: "routing:*") == "routing:*:*")
        #expect(LivePermissions.permission(forScope: "*") == "*:*:*")
        #expect(LivePermissions.permission(forScope: "routing:queue:*") == "routing:queue:*")
        #expect(LivePermissions.permission(forScope: "routing:queue:raed") == "routing:queue:raed")
        #expect(LivePermissions.permissions(forScopes: ["users:read", "users:read", "routing:*"]) == ["directory:user:view", "routing:*:*"])
    }

    @Test("A role's policies expand back to exactly its permissions")
    func policiesExpandToPermissions() {
        let permissions = ["*:*:*", "routing:*:*", "routing:queue:edit", "routing:queue:view", "users:read:*"].sorted()
        let role = LiveRole(seed: 1, permissions: permissions, name: "Role 1")
        let expanded = role.policies.flatMap { policy in policy.actionSet.map { "\(policy.domain):\(policy.entityName):\($0)" } }
        #expect(expanded.sorted() == permissions)
        let queue = role.policies.first { $0.domain == "routing" && $0.entityName == "queue" }
        #expect(queue?.actionSet == ["edit", "view"])
        let wildcard = role.policies.first { $0.domain == "routing" && $0.entityName == "*" }
        #expect(wildcard?.actionSet == ["*"])
        #expect(role.id == LiveRole.id(seed: 1, permissions: permissions))
        #expect(role.id != LiveRole.id(seed: 2, permissions: permissions))
    }
}
