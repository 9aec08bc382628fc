/// An OAuth client's type: a partner integration is a `public` (machine-to-machine) one.
package enum ClientType: OpenVocabulary {
    case `public`
    case `private`
    case other(String)

    package static let named: [ClientType] = [.public, .private]

    package var text: String {
        switch self {
        case .public: "public"
        case .private: "private"
        case .other(let text): text
        }
    }
}
