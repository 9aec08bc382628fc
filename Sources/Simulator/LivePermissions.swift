/// Translates the guide dialect's scopes into the live dialect's permissions (`domain:entity:action`).
///
/// The one place the translation lives: the live client list grants roles built with it,
/// and the live policy approves what it gives.
///
/// ```swift
/// LivePermissions.permission(forScope: "routing:queue:read")  // "routing:queue:view"
/// LivePermissions.permission(forScope: "routing:*")           // "routing:*:*"
/// LivePermissions.permission(forScope: "routing:queue:raed")  // "routing:queue:raed"
/// ```
package enum LivePermissions {
    /// Scope → permission, from the endpoint catalog's rows (the 3rd and 4th columns of `endpoint-scopes.tsv`).
    static let table: [String: String] = {
        var table: [String: String] = [:]
        for endpoint in EndpointCatalog.all { table[endpoint.scope] = endpoint.permission }
        return table
    }()

    /// The permission a scope stands for.
    ///
    /// A catalogued scope maps by the table. A scope with a `*` segment keeps its segments,
    /// `*` staying `*`, and missing trailing segments become `*` (`routing:*` → `routing:*:*`,
    /// `*` → `*:*:*`); so does any other scope of fewer than three segments. Any other scope
    /// (a misspelt `routing:queue:raed`) passes through unchanged.
    package static func permission(forScope scope: String) -> String {
        if let known = table[scope] { return known }
        var segments = scope.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard segments.count < 3 else { return scope }
        while segments.count < 3 { segments.append("*") }
        return segments.joined(separator: ":")
    }

    /// The distinct permissions of a grant of scopes, sorted.
    package static func permissions(forScopes scopes: [String]) -> [String] {
        Array(Set(scopes.map(permission(forScope:)))).sorted()
    }
}
