/// One audit-log event, as the warehouse stores it: the columns the rules need, and the raw JSON.
package struct AuditEvent: Sendable, Hashable {
    /// Unique per event; the dedupe key.
    package var id: String
    /// When it happened, in milliseconds since 1970 (UTC).
    package var timestampMillis: Int64
    package var actorType: ActorType
    /// The client id or user id that acted.
    package var actorID: String
    package var action: AuditAction
    package var resource: String
    package var resourceID: String?
    package var outcome: Outcome
    /// The free-form details object, as it came.
    package var details: JSONValue
    /// The whole event as canonical JSON, unknown fields included.
    package var rawJSON: String

    package init(
        id: String, timestampMillis: Int64, actorType: ActorType, actorID: String, action: AuditAction,
        resource: String, resourceID: String?, outcome: Outcome, details: JSONValue, rawJSON: String
    ) {
        self.id = id
        self.timestampMillis = timestampMillis
        self.actorType = actorType
        self.actorID = actorID
        self.action = action
        self.resource = resource
        self.resourceID = resourceID
        self.outcome = outcome
        self.details = details
        self.rawJSON = rawJSON
    }

    /// The canonical ISO 8601 text of `timestampMillis`.
    package var timestamp: String { Timestamp.format(milliseconds: timestampMillis) }

    // MARK: - Details the rules read

    /// A `details` entry by its guide name, or (live dialect) from the message's `context`.
    private func detail(_ key: String) -> JSONValue? {
        details[key] ?? details["context"]?[key]
    }

    /// `details.sourceIp` (live: the first `remoteIp`): where the call or token request came from.
    package var sourceIP: String? {
        details["sourceIp"]?.nonEmptyString ?? details["remoteIp"]?.arrayValue?.lazy.compactMap(\.nonEmptyString).first
    }
    /// `details.method` of an `api.request`.
    package var method: String? { detail("method")?.nonEmptyString }
    /// `details.path` of an `api.request`.
    package var path: String? { detail("path")?.nonEmptyString }
    /// `details.status`, the HTTP status of an `api.request`.
    package var status: Int? { detail("status")?.intValue.map(Int.init) }
    /// `details.scope`, the scope the call was authorised by, when the platform recorded it.
    package var scope: String? { detail("scope")?.nonEmptyString }
    /// `details.userAgent` (live: `application`).
    package var userAgent: String? { details["userAgent"]?.nonEmptyString ?? details["application"]?.nonEmptyString }
}
