/// The OAuth grant an OAuth client uses, normalised to the guide's spelling.
package enum GrantType: OpenVocabulary {
    /// Machine to machine: what a partner integration should use.
    case clientCredentials
    case authorizationCode
    case implicit
    case saml2Bearer
    case password
    case other(String)

    package static let named: [GrantType] = [
        .clientCredentials, .authorizationCode, .implicit, .saml2Bearer, .password,
    ]

    package var text: String {
        switch self {
        case .clientCredentials: "client_credentials"
        case .authorizationCode: "authorization_code"
        case .implicit: "implicit"
        case .saml2Bearer: "saml2_bearer"
        case .password: "password"
        case .other(let text): text
        }
    }

    /// The grant of a source's text in either dialect: the guide's names, and the live
    /// dialect's `CLIENT-CREDENTIALS`, `CODE`, `TOKEN`, `SAML2-BEARER` and `PASSWORD`.
    package init(sourceText: String) {
        switch sourceText.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "CLIENT-CREDENTIALS": self = .clientCredentials
        case "CODE", "AUTHORIZATION-CODE": self = .authorizationCode
        case "TOKEN", "IMPLICIT": self = .implicit
        case "SAML2-BEARER", "SAML2BEARER": self = .saml2Bearer
        case "PASSWORD": self = .password
        default: self = GrantType(text: sourceText.lowercased())
        }
    }
}
