import Foundation

/// One OAuth client of the simulated organisation, with every field of source-api.md section 2.
///
/// Tests change it through `SimulatedOrganization.updateClient(id:at:_:)`, which also
/// records the change in the audit log.
package struct SimulatedClient: Sendable, Equatable {
    package let id: String
    package var name: String
    package var description: String?
    /// `public` or `private`.
    package var type: String
    /// `client_credentials`, `authorization_code`, …
    package var grantType: String
    package var redirectUris: [String]
    package var scopes: [String]
    package var allowAccessToAllUsers: Bool
    package var isThirdParty: Bool
    /// CIDR blocks; `nil` writes no `ipWhitelist` key at all.
    package var ipWhitelist: [String]?
    /// `active`, `disabled` or `inactive`.
    package var state: String
    package var dateCreated: Date
    package var dateModified: Date
    package var secretLastRotated: Date?
    /// Fields the spec does not know, name → raw JSON text; the decoder must keep them.
    package var unknownFields: [String: String]

    package init(
        id: String, name: String, description: String? = nil, type: String = "public",
        grantType: String = "client_credentials", redirectUris: [String] = [], scopes: [String],
        allowAccessToAllUsers: Bool = false, isThirdParty: Bool = true, ipWhitelist: [String]?,
        state: String = "active", dateCreated: Date, dateModified: Date, secretLastRotated: Date?,
        unknownFields: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.type = type
        self.grantType = grantType
        self.redirectUris = redirectUris
        self.scopes = scopes
        self.allowAccessToAllUsers = allowAccessToAllUsers
        self.isThirdParty = isThirdParty
        self.ipWhitelist = ipWhitelist
        self.state = state
        self.dateCreated = dateCreated
        self.dateModified = dateModified
        self.secretLastRotated = secretLastRotated
        self.unknownFields = unknownFields
    }
}
