// MARK: - Decoding the live dialect

extension AuditEvent {
    /// The live message's own fields that are moved under `details`, with their names.
    static let liveDetailKeys = [
        "remoteIp", "serviceName", "level", "application", "message", "propertyChanges", "entityChanges", "context", "initiatingAction",
        "userHomeOrgId",
    ]
    /// The date fields of a message: `eventDate` in results pages, `eventTime` in downloaded ones.
    static let liveDateKeys = ["eventDate", "eventTime"]
    /// Changed properties whose values are lists even when one value changed.
    static let listProperties: Set<String> = [
        "scopes", "scope", "ipWhitelist", "redirectUris", "registeredRedirectUri", "roleDivisions", "roleIds", "ipAddressAllowlist",
    ]

    /// Reads an audit message of the live dialect (source-api.md section 4) into the event model.
    ///
    /// The actor is `user.id` when not empty (a person, who may have acted through an
    /// application: its `client` is then kept as `details.client`), else `client.id` (the client
    /// acted with its own token), else the system. `eventDate` (or, in a downloaded page,
    /// `eventTime`) is the timestamp; `serviceName` + `entityType` + `action` + `status` give the
    /// action and outcome (`LiveAuditAction`); `entity.id` the resource id — for an `OAuthClient`
    /// message the client that was changed, never its actor. `details` holds the message's own
    /// fields (`remoteIp`, `level`, `application`, `message`, `context`, `propertyChanges`,
    /// `entityChanges`, `initiatingAction`, `userHomeOrgId`) as sent, plus `changes` (the guide's
    /// form of `propertyChanges`); the accessors the rules use read either shape. Empty objects
    /// and empty strings mean absent.
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
        guard let dateKey = Self.liveDateKeys.first(where: { json[$0] != nil && json[$0] != .null }) else {
            throw SourceDataError(what: "audit message \(id)", field: "eventDate", reason: "is missing (and so is eventTime)")
        }
        guard let dateText = json[dateKey]?.stringValue else {
            throw SourceDataError(what: "audit message \(id)", field: dateKey, reason: "is not a string")
        }
        guard let millis = Timestamp.parseMilliseconds(dateText) else {
            throw SourceDataError(what: "audit message \(id)", field: dateKey, reason: "is not an ISO 8601 UTC time: \(ErrorText.prefix(dateText, scalars: 40))")
        }
        for field in ["client", "user", "entity", "context", "message", "initiatingAction", "username"] {
            guard let value = json[field], value != .null else { continue }
            guard case .object = value else {
                throw SourceDataError(what: "audit message \(id)", field: field, reason: "is not an object")
            }
        }
        let entityType = json["entityType"]?.stringValue ?? ""
        let status = json["status"]?.stringValue ?? ""
        let (clientKey, clientID) = Self.reference(json, "client", alias: "clientId")
        let actor: (type: ActorType, id: String) =
            if let user = Self.reference(json, "user", alias: "userId").id { (.user, user) }
            else if let clientID { (.oauthClient, clientID) }
            else { (.system, "") }
        let action = LiveAuditAction.action(serviceName: json["serviceName"]?.stringValue ?? "", entityType: entityType,
                                            action: json["action"]?.stringValue ?? "", status: status, actor: actor.type)
        var details = try Self.liveDetails(json, id: id)
        for key in Self.liveDetailKeys { members.removeValue(forKey: key) }
        if actor.type == .user, clientID != nil, let client = members.removeValue(forKey: clientKey) {
            // The application the person used: kept, but it is not who acted.
            details["client"] = client
        }
        members["details"] = .object(details)
        if let path = JSONValue.object(members).pathToNUL {
            throw SourceDataError(what: "audit message \(id)", field: path, reason: JSONValue.nulReason)
        }
        self.init(
            id: id,
            timestampMillis: millis,
            actorType: actor.type,
            actorID: actor.id,
            action: action,
            resource: entityType.isEmpty ? (json["serviceName"]?.stringValue ?? "") : entityType,
            resourceID: json["entity"]?["id"]?.nonEmptyString,
            outcome: LiveAuditAction.outcome(status: status, action: action),
            details: .object(details),
            rawJSON: JSONValue.object(members).canonicalText
        )
    }

    /// The id a message gives of its user or client: `{"id": …}` under `key`, or (the audit
    /// topic's spelling, as in EventBridge events) a string or `{"id": …}` under `alias`.
    /// Returns the key it was found under; the id is `nil` when empty or absent.
    private static func reference(_ json: JSONValue, _ key: String, alias: String) -> (key: String, id: String?) {
        if let id = json[key]?["id"]?.nonEmptyString { return (key, id) }
        if let id = json[alias]?.nonEmptyString ?? json[alias]?["id"]?.nonEmptyString { return (alias, id) }
        return (key, nil)
    }

    private static func liveDetails(_ json: JSONValue, id: String) throws(SourceDataError) -> [String: JSONValue] {
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
        return details
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
