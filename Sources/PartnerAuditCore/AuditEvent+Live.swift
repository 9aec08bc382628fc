// MARK: - Decoding the live dialect

extension AuditEvent {
    /// The live message's own fields that are moved under `details`, with their names.
    static let liveDetailKeys = [
        "remoteIp", "serviceName", "level", "application", "message", "propertyChanges", "entityChanges", "context", "initiatingAction",
    ]
    /// Changed properties whose values are lists even when one value changed.
    static let listProperties: Set<String> = [
        "scopes", "scope", "ipWhitelist", "redirectUris", "registeredRedirectUri", "roleDivisions", "roleIds", "ipAddressAllowlist",
    ]

    /// Reads an audit message of the live dialect (source-api.md section 4) into the event model.
    ///
    /// `client.id` (when not empty) makes the actor an OAuth client, else `user.id` a user,
    /// else the system; `eventDate` is the timestamp; `entityType` + `action` + `status` give the
    /// action and outcome (`LiveAuditAction`); `entity.id` the resource id. `details` holds the
    /// message's own fields (`remoteIp`, `application`, `context`, `propertyChanges`, …) as sent,
    /// plus `changes` (the guide's form of `propertyChanges`); the accessors the rules use read
    /// either shape. Empty objects and empty strings mean absent.
    ///
    /// `rawJSON` is the whole message with those fields moved under `details`, so the warehouse
    /// reads `$.details` the same way in either dialect, nothing is stored twice, and the hash
    /// chain covers everything the source sent.
    package init(liveJSON json: JSONValue) throws(SourceDataError) {
        guard case .object(var members) = json else {
            throw SourceDataError(what: "audit message", field: "(whole)", reason: "is not a JSON object")
        }
        guard let id = json["id"]?.nonEmptyString else {
            throw SourceDataError(what: "audit message", field: "id", reason: "is missing or empty")
        }
        guard let dateText = json["eventDate"]?.stringValue else {
            throw SourceDataError(what: "audit message \(id)", field: "eventDate", reason: "is missing or not a string")
        }
        guard let millis = Timestamp.parseMilliseconds(dateText) else {
            throw SourceDataError(what: "audit message \(id)", field: "eventDate", reason: "is not an ISO 8601 UTC time: \(dateText.prefix(40))")
        }
        for field in ["client", "user", "entity", "context", "message", "initiatingAction"] {
            guard let value = json[field], value != .null else { continue }
            guard case .object = value else {
                throw SourceDataError(what: "audit message \(id)", field: field, reason: "is not an object")
            }
        }
        let entityType = json["entityType"]?.stringValue ?? ""
        let status = json["status"]?.stringValue ?? ""
        let action = LiveAuditAction.action(entityType: entityType, action: json["action"]?.stringValue ?? "", status: status)
        let details = try Self.liveDetails(json, id: id)
        let actor: (type: ActorType, id: String) =
            if let client = json["client"]?["id"]?.nonEmptyString { (.oauthClient, client) }
            else if let user = json["user"]?["id"]?.nonEmptyString { (.user, user) }
            else { (.system, "") }
        for key in Self.liveDetailKeys { members.removeValue(forKey: key) }
        members["details"] = details
        self.init(
            id: id,
            timestampMillis: millis,
            actorType: actor.type,
            actorID: actor.id,
            action: action,
            resource: entityType.isEmpty ? (json["serviceName"]?.stringValue ?? "") : entityType,
            resourceID: json["entity"]?["id"]?.nonEmptyString,
            outcome: LiveAuditAction.outcome(status: status, action: action),
            details: details,
            rawJSON: JSONValue.object(members).canonicalText
        )
    }

    private static func liveDetails(_ json: JSONValue, id: String) throws(SourceDataError) -> JSONValue {
        var details: [String: JSONValue] = [:]
        for key in liveDetailKeys {
            guard let value = json[key], !value.isEmptyValue else { continue }
            details[key] = value
        }
        if let changes = json["propertyChanges"]?.arrayValue, !changes.isEmpty {
            var byProperty: [String: JSONValue] = [:]
            for change in changes {
                guard let property = change["property"]?.nonEmptyString else {
                    throw SourceDataError(what: "audit message \(id)", field: "propertyChanges", reason: "has a change without a property name")
                }
                let isList = listProperties.contains(property)
                byProperty[property] = .object(["old": values(change["oldValues"], isList: isList), "new": values(change["newValues"], isList: isList)])
            }
            details["changes"] = .object(byProperty)
        }
        return .object(details)
    }

    /// `oldValues`/`newValues` as the guide writes a change: a list for list properties, else the one value (or null).
    private static func values(_ value: JSONValue?, isList: Bool) -> JSONValue {
        guard let list = value?.arrayValue else { return value ?? .null }
        if isList { return .array(list) }
        switch list.count {
        case 0: return .null
        case 1: return list[0]
        default: return .array(list)
        }
    }
}

extension JSONValue {
    /// `null`, `""`, `{}`, `[]`, or an object whose values are all empty (`{"id": ""}`).
    package var isEmptyValue: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let members): members.values.allSatisfy(\.isEmptyValue)
        default: false
        }
    }
}
