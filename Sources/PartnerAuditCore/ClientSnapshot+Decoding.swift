// MARK: - Decoding either dialect's client

extension ClientSnapshot {
    /// Fields that may carry a secret: never stored, whatever the source sends.
    package static let secretFields: Set<String> = ["secret", "clientSecret", "client_secret"]

    /// Reads an OAuth client, accepting the live API's names as aliases (source-api.md section 2).
    package init(sourceJSON json: JSONValue) throws(SourceDataError) {
        guard case .object = json else { throw SourceDataError(what: "OAuth client", field: "(whole)", reason: "is not a JSON object") }
        guard let id = json["id"]?.nonEmptyString else {
            throw SourceDataError(what: "OAuth client", field: "id", reason: "is missing or empty")
        }
        let what = "OAuth client \(JSONValue.visibleNUL(id))"
        if let path = json.pathToNUL { throw SourceDataError(what: what, field: path, reason: JSONValue.nulReason) }
        func strings(_ names: String...) throws(SourceDataError) -> [String]? {
            for name in names {
                guard let value = json[name], value != .null else { continue }
                guard let list = value.stringArray else {
                    throw SourceDataError(what: what, field: name, reason: "is not a list of strings")
                }
                return list
            }
            return nil
        }
        func time(_ name: String) throws(SourceDataError) -> String? {
            guard let text = json[name]?.nonEmptyString else { return nil }
            guard let millis = Timestamp.parseMilliseconds(text) else {
                throw SourceDataError(what: what, field: name, reason: "is not an ISO 8601 UTC time: \(ErrorText.prefix(text, scalars: 40))")
            }
            return Timestamp.format(milliseconds: millis)
        }
        let grant = (json["grantType"] ?? json["authorizedGrantType"])?.nonEmptyString
        self.init(
            id: id,
            name: json["name"]?.stringValue ?? "",
            description: json["description"]?.nonEmptyString,
            type: json["type"]?.nonEmptyString.map(ClientType.init(text:)) ?? .public,
            grantType: grant.map(GrantType.init(sourceText:)) ?? .clientCredentials,
            redirectURIs: try strings("redirectUris", "registeredRedirectUri") ?? [],
            scopes: try strings("scopes", "scope") ?? [],
            allowAccessToAllUsers: json["allowAccessToAllUsers"]?.boolValue ?? false,
            isThirdParty: json["isThirdParty"]?.boolValue ?? false,
            ipAllowlist: try strings("ipWhitelist"),
            state: json["state"]?.nonEmptyString.map(ClientState.init(text:)) ?? .active,
            dateCreated: try time("dateCreated"),
            dateModified: try time("dateModified"),
            secretLastRotated: try time("secretLastRotated"),
            rawJSON: json.removingKeys(ClientSnapshot.secretFields).canonicalText
        )
    }

}
