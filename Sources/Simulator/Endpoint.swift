import Foundation

/// One API operation a partner app calls, as `catalog/endpoint-scopes.tsv` lists it.
struct Endpoint: Sendable, Hashable {
    /// What a `{id}` in the path stands for; it picks the pool concrete ids come from.
    enum IDKind: UInt64, Sendable, CaseIterable {
        case queue = 11, conversation, user, recording

        /// The position of the kind in `allCases`, for array-indexed pools.
        var index: Int { Int(rawValue - Self.queue.rawValue) }
    }

    let method: String
    /// The path pattern, with at most one `{id}`.
    let pattern: String
    /// The scope the call needs (guide dialect).
    let scope: String
    /// The permission the call needs (live dialect), `domain:entity:action`.
    let permission: String
    /// The audit event's `resource` (`routing/queues`).
    let resource: String
    /// The kind of `{id}`, when the pattern has one.
    let idKind: IDKind?
    /// The pattern before `{id}` (all of it when there is none) and after it.
    let pathHead: String
    let pathTail: String

    init(method: String, pattern: String, scope: String, permission: String, resource: String, idKind: IDKind?) {
        self.method = method
        self.pattern = pattern
        self.scope = scope
        self.permission = permission
        self.resource = resource
        self.idKind = idKind
        if let range = pattern.range(of: "{id}") {
            pathHead = String(pattern[..<range.lowerBound])
            pathTail = String(pattern[range.upperBound...])
        } else {
            pathHead = pattern
            pathTail = ""
        }
    }

    /// The path with the concrete id in place of `{id}`.
    func path(id: String?) -> String {
        guard let id, idKind != nil else { return pattern }
        return pathHead + id + pathTail
    }

    /// The HTTP status a successful call of this method answers.
    var successStatus: Int {
        switch method {
        case "POST": 201
        case "DELETE": 204
        default: 200
        }
    }
}
