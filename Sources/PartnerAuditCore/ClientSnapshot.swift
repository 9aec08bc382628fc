/// One OAuth client as the source described it at one moment.
///
/// The warehouse keeps these as a history: a new snapshot only when something changed.
package struct ClientSnapshot: Sendable, Hashable {
    /// The client_id; the identity anchor for everything else.
    package var id: String
    package var name: String
    package var description: String?
    /// `public` (machine-to-machine partner app) or `private`.
    package var type: ClientType
    /// Normalised to the guide's names (`GrantType(sourceText:)`).
    package var grantType: GrantType
    package var redirectURIs: [String]
    /// Granted scopes (guide dialect) or permissions expanded from roles (live dialect).
    package var scopes: [String]
    package var allowAccessToAllUsers: Bool
    package var isThirdParty: Bool
    /// CIDR blocks as the source wrote them; `nil` or empty means no restriction.
    package var ipAllowlist: [String]?
    /// Whose list `ipAllowlist` is: the client's own (guide dialect) or the organisation's (live).
    package var ipAllowlistScope: AllowlistScope
    package var state: ClientState
    /// Canonical ISO 8601 texts.
    package var dateCreated: String?
    package var dateModified: String?
    package var secretLastRotated: String?
    /// The whole client as canonical JSON, unknown fields kept, secret-bearing fields removed.
    package var rawJSON: String

    package init(
        id: String, name: String, description: String? = nil, type: ClientType = .public,
        grantType: GrantType = .clientCredentials, redirectURIs: [String] = [], scopes: [String] = [],
        allowAccessToAllUsers: Bool = false, isThirdParty: Bool = false, ipAllowlist: [String]? = nil,
        ipAllowlistScope: AllowlistScope = .client, state: ClientState = .active, dateCreated: String? = nil, dateModified: String? = nil,
        secretLastRotated: String? = nil, rawJSON: String = "{}"
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.type = type
        self.grantType = grantType
        self.redirectURIs = redirectURIs
        self.scopes = scopes
        self.allowAccessToAllUsers = allowAccessToAllUsers
        self.isThirdParty = isThirdParty
        self.ipAllowlist = ipAllowlist
        self.ipAllowlistScope = ipAllowlistScope
        self.state = state
        self.dateCreated = dateCreated
        self.dateModified = dateModified
        self.secretLastRotated = secretLastRotated
        self.rawJSON = rawJSON
    }

    /// Partner and environment read from the `Partner-Integration-{Env}-{Partner}` name, if it follows it.
    package var nameConvention: PartnerAppName? { PartnerAppName(parsing: name) }
}

/// Whose IP allowlist applies to a client.
package enum AllowlistScope: String, Sendable, Hashable {
    /// The client's own `ipWhitelist` (guide dialect).
    case client
    /// The organisation's `ipAddressAllowlist`, the same for every client (live dialect).
    case organization
}
