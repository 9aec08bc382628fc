/// Whether an OAuth client can still be used.
package enum ClientState: OpenVocabulary {
    case active
    case disabled
    case inactive
    case other(String)

    package static let named: [ClientState] = [.active, .disabled, .inactive]

    package var text: String {
        switch self {
        case .active: "active"
        case .disabled: "disabled"
        case .inactive: "inactive"
        case .other(let text): text
        }
    }
}
