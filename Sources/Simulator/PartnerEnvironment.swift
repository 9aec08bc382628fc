/// The deployment environment a partner app belongs to, as its name and the policy spell it.
package enum PartnerEnvironment: String, Sendable, CaseIterable, Hashable {
    case prod, staging, dev

    /// The capitalised form used in app names (`Partner-Integration-Prod-Acme`).
    package var title: String {
        switch self {
        case .prod: "Prod"
        case .staging: "Staging"
        case .dev: "Dev"
        }
    }
}
