/// What an OAuth client needs to call an endpoint, for the message of a 403 (source-api.md section 4).
enum PermissionHint {
    /// The grant the endpoint at `path` needs, in words; `nil` for an endpoint not listed.
    static func forPath(_ path: String) -> String? {
        if path.hasPrefix("/api/v2/usage/query") { return "the permission oauth:client:view or usage:organization:view" }
        if path.hasPrefix("/api/v2/audits/query") { return "the permission audits:audit:view" }
        if path.hasPrefix("/api/v2/oauth/clients") { return "read permission on OAuth clients (oauth:client:view; scope oauth:client:read in the guide dialect)" }
        if path.hasPrefix("/api/v2/authorization/roles") { return "read permission on roles (authorization:role:view)" }
        if path.hasPrefix("/api/v2/organizations/") { return "the permission directory:organization:admin (the platform has no narrower one for the authentication settings)" }
        if path.hasPrefix("/api/v2/authorization/permissions") { return "the scope authorization:readonly (no permission)" }
        if path.hasPrefix("/api/v2/oauth/scopes") { return "the scope oauth:readonly (no permission)" }
        if path.hasPrefix("/api/v2/auditlogs") { return "read permission on the audit log" }
        return nil
    }
}
