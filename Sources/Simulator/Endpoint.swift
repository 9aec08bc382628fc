import Foundation

/// One API operation a partner app calls, as `catalog/endpoint-scopes.tsv` lists it.
struct Endpoint: Sendable, Hashable {
    /// What a `{id}` in the path stands for; it picks the pool concrete ids come from.
    enum IDKind: UInt64, Sendable, CaseIterable {
        case queue = 11, conversation, user, recording

        /// The position of the kind in `allCases`, for array-indexed pools.
        var index: Int { Int(rawValue - Self.queue.rawValue) }

        /// The placeholder the platform's endpoint map names the id with (`{queueId}`).
        var placeholder: String {
            switch self {
            case .queue: "{queueId}"
            case .conversation: "{conversationId}"
            case .user: "{userId}"
            case .recording: "{recordingId}"
            }
        }
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

    /// The API Usage service's `templateUri` of the call: the platform's path template without
    /// its leading `/`, the id's placeholder named as the endpoint map names it
    /// (`api/v2/routing/queues/{queueId}`).
    var templateURI: String {
        String((idKind.map { pathHead + $0.placeholder + pathTail } ?? pattern).dropFirst())
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
