/// How an audited action ended, as the event model spells it.
package enum Outcome: OpenVocabulary {
    case success
    case failure
    /// Refused for lack of rights (a token refused, a call forbidden).
    case denied
    /// The live dialect's `WARNING`, or a status it does not name.
    case warning
    case other(String)

    package static let named: [Outcome] = [.success, .failure, .denied, .warning]

    package var text: String {
        switch self {
        case .success: "success"
        case .failure: "failure"
        case .denied: "denied"
        case .warning: "warning"
        case .other(let text): text
        }
    }
}
