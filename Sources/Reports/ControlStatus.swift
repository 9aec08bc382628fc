import PartnerAuditCore
import Rules

/// A control's status for the period, why, and the findings behind it.
struct ControlStatus: Sendable {
    enum Status: String, Sendable {
        case noExceptions = "no-exceptions"
        case exceptionsFound = "exceptions-found"
        case notTestable = "not-testable"

        var title: String {
            switch self {
            case .noExceptions: "No exceptions"
            case .exceptionsFound: "Exceptions found"
            case .notTestable: "Not testable"
            }
        }
    }

    /// The findings of one rule and severity mapped to the control.
    struct FindingGroup: Sendable, Hashable {
        var severity: Severity
        var ruleID: String
        var count: Int
    }

    var control: Control
    var status: Status
    /// The rules mapped to the control, catalog order.
    var ruleIDs: [String]
    /// Why it is not testable, or what limits the test.
    var reasons: [String]
    /// Non-info findings mapped to it, most severe first, then catalog order.
    var groups: [FindingGroup]
    /// Their fingerprints, in the findings' order.
    var fingerprints: [String]
    var waived: Int
}
