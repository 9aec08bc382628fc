/// Who an audit event is by, as the `actorType` field and the query filter spell it.
package enum ActorType: OpenVocabulary {
    /// An OAuth client acting on its own: a partner app's machine-to-machine traffic.
    case oauthClient
    /// A person (an administrator, for client changes).
    case user
    /// The platform itself.
    case system
    case other(String)

    package static let named: [ActorType] = [.oauthClient, .user, .system]

    package var text: String {
        switch self {
        case .oauthClient: "oauthclient"
        case .user: "user"
        case .system: "system"
        case .other(let text): text
        }
    }
}
