import Foundation

/// The public API definition's operations (`endpoint-scope-permission-map.tsv`): for each
/// method and path template, the OAuth scopes that may call it (any one suffices) and the
/// permissions it requires (`ANY` of a list, `ALL` of it, or `NONE`).
///
/// ```swift
/// map.requirement(method: "GET", template: "/api/v2/routing/queues/{queueId}")
/// // EndpointRequirement(scopes: ["routing", "routing:readonly"], permissions: .all(["routing:queue:view"]))
/// ```
///
/// What LP-2 joins the API Usage service's rows to: a row's `templateUri` is one of these paths
/// without its leading `/`.
package struct PlatformEndpointMap: Sendable {
    private struct Entry: Sendable {
        var segments: [Substring]
        var requirement: EndpointRequirement
    }

    /// Exact `METHOD path` lookups, and per method the entries for placeholder matching.
    private let exact: [String: EndpointRequirement]
    private let byMethod: [String: [Entry]]

    /// How many operations the map holds.
    package let count: Int

    /// No operations: every call's requirement is unknown.
    package static let empty = PlatformEndpointMap(exact: [:], byMethod: [:], count: 0)

    private init(exact: [String: EndpointRequirement], byMethod: [String: [Entry]], count: Int) {
        self.exact = exact
        self.byMethod = byMethod
        self.count = count
    }

    /// Parses the file's text: `#` lines (its provenance) and the header line are skipped; every
    /// other line is `method, path, security, permType, permissions, operationId`, tab-separated.
    package init(text: String, file: String) throws(CatalogDataError) {
        var exact: [String: EndpointRequirement] = [:]
        var byMethod: [String: [Entry]] = [:]
        var count = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("method\t") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 5, fields[1].hasPrefix("/") else {
                throw CatalogDataError(file: file, line: index + 1, message: "expected method<tab>path<tab>security<tab>permType<tab>permissions<tab>operationId")
            }
            let requirement = try EndpointRequirement(security: fields[2], type: fields[3], permissions: fields[4], file: file, line: index + 1)
            let method = fields[0].uppercased()
            exact["\(method) \(fields[1])"] = requirement
            byMethod[method, default: []].append(Entry(segments: fields[1].split(separator: "/"), requirement: requirement))
            count += 1
        }
        self.init(exact: exact, byMethod: byMethod, count: count)
    }

    /// What a call of `method` on `template` (a path template or a concrete path) requires;
    /// `nil` when the map lists no such operation. A `{placeholder}` on either side matches any segment.
    package func requirement(method: String, template: String) -> EndpointRequirement? {
        let verb = method.uppercased()
        if let known = exact["\(verb) \(template)"] { return known }
        let segments = template.split(separator: "/")
        return byMethod[verb]?.first { entry in
            entry.segments.count == segments.count && zip(entry.segments, segments).allSatisfy { pattern, actual in
                Self.isPlaceholder(pattern) || Self.isPlaceholder(actual) || pattern == actual
            }
        }?.requirement
    }

    private static func isPlaceholder(_ segment: Substring) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
}

/// What one operation requires of its caller.
package struct EndpointRequirement: Sendable, Hashable {
    /// The permissions a client-credentials client's roles must give.
    package enum Permissions: Sendable, Hashable {
        /// None at all.
        case none
        /// Any one of these suffices.
        case any([String])
        /// Every one of these.
        case all([String])
    }

    /// The OAuth scopes that may call it: any one suffices (a non-client-credentials grant).
    package var scopes: [String]
    package var permissions: Permissions

    package init(scopes: [String], permissions: Permissions) {
        self.scopes = scopes
        self.permissions = permissions
    }

    /// Reads the map's `security` (`scheme:scope,scope`), `permType` and `permissions` columns.
    init(security: String, type: String, permissions: String, file: String, line: Int) throws(CatalogDataError) {
        let scopeList = security.split(separator: ":", maxSplits: 1).dropFirst().first ?? ""
        scopes = scopeList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let listed = permissions == "-" ? [] : permissions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch type {
        case "NONE": self.permissions = .none
        case "ANY" where !listed.isEmpty: self.permissions = .any(listed)
        case "ALL" where !listed.isEmpty: self.permissions = .all(listed)
        default:
            throw CatalogDataError(file: file, line: line, message: "permType '\(type)' with permissions '\(permissions)': expected ANY or ALL with a list, or NONE")
        }
    }
}
