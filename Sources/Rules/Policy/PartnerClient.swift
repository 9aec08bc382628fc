/// A client explicitly mapped to a partner's environment in the policy.
package struct PartnerClient: Sendable, Equatable {
    /// The OAuth client id.
    package var clientID: String
    /// The environment the client serves (`prod`); never empty.
    package var environment: String
    /// Where the mapping was declared, for messages.
    package var line: Int?

    package init(clientID: String, environment: String, line: Int? = nil) {
        self.clientID = clientID
        self.environment = environment
        self.line = line
    }
}
