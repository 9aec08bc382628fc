/// A control of a compliance framework that findings are mapped to.
package struct Control: Sendable, Hashable, Codable {
    package enum Framework: String, Sendable, Hashable, Codable, CaseIterable {
        case soc2, hipaa

        /// How reports name the framework.
        package var title: String {
            switch self {
            case .soc2: "SOC 2 (2017 Trust Services Criteria)"
            case .hipaa: "HIPAA Security Rule (45 CFR Part 164)"
            }
        }

        /// The prefix of a control reference, e.g. `SOC2` in `SOC2:CC6.1`.
        package var prefix: String { self == .soc2 ? "SOC2" : "HIPAA" }
    }

    package var framework: Framework
    /// e.g. `CC6.1` or `164.312(a)(1)`.
    package var id: String
    package var name: String

    /// The reference findings carry, e.g. `SOC2:CC6.1`.
    package var reference: String { "\(framework.prefix):\(id)" }
}

extension Control {
    // MARK: - SOC 2 (2017 TSC)
    static let cc4_1 = Control(framework: .soc2, id: "CC4.1", name: "Ongoing and separate evaluations of internal control")
    static let cc6_1 = Control(framework: .soc2, id: "CC6.1", name: "Logical access security over protected information assets")
    static let cc6_2 = Control(framework: .soc2, id: "CC6.2", name: "Registration and authorisation before credentials are issued; removal when no longer needed")
    static let cc6_3 = Control(framework: .soc2, id: "CC6.3", name: "Access authorised, modified and removed by role, with least privilege")
    static let cc6_6 = Control(framework: .soc2, id: "CC6.6", name: "Logical access measures against threats from outside the system boundary")
    static let cc7_2 = Control(framework: .soc2, id: "CC7.2", name: "Monitoring of system components for anomalies")
    static let cc8_1 = Control(framework: .soc2, id: "CC8.1", name: "Changes authorised, tested, approved and implemented")

    // MARK: - HIPAA Security Rule (45 CFR)
    static let accessAuthorization = Control(framework: .hipaa, id: "164.308(a)(4)(ii)(B)", name: "Access authorization")
    static let accessModification = Control(framework: .hipaa, id: "164.308(a)(4)(ii)(C)", name: "Access establishment and modification")
    static let activityReview = Control(framework: .hipaa, id: "164.308(a)(1)(ii)(D)", name: "Information system activity review")
    static let loginMonitoring = Control(framework: .hipaa, id: "164.308(a)(5)(ii)(C)", name: "Log-in monitoring")
    static let passwordManagement = Control(framework: .hipaa, id: "164.308(a)(5)(ii)(D)", name: "Password management")
    static let accessControl = Control(framework: .hipaa, id: "164.312(a)(1)", name: "Access control")
    static let auditControls = Control(framework: .hipaa, id: "164.312(b)", name: "Audit controls")
    static let integrity = Control(framework: .hipaa, id: "164.312(c)(1)", name: "Integrity")
    static let entityAuthentication = Control(framework: .hipaa, id: "164.312(d)", name: "Person or entity authentication")
    static let transmissionSecurity = Control(framework: .hipaa, id: "164.312(e)(1)", name: "Transmission security")
}
