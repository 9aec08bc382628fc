/// A problem the simulator planted on purpose, which the rule engine must find.
///
/// `primary` entries are the one problem each misconfigured client was built for; the
/// others follow from it by the letter of rules.md (a misspelt scope is also unapproved
/// and unused, a denied burst from a foreign address is also an allowlist miss, a private
/// /16 is also too broad) and are listed so a test can tell an expected finding from a
/// false positive. Match findings by rule and client; `subject` is the scope, CIDR or IP
/// the problem is about, where there is one.
package struct PlantedMisconfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The rule that must fire (`WS-1`).
    package let ruleId: String
    /// The client it is about.
    package let clientId: String
    /// The scope, CIDR or IP it is about, when the rule has one.
    package let subject: String?
    /// The severity rules.md gives it (`critical`, `high`, `medium`, `low`).
    package let severity: String
    /// Whether this is the problem the client was built for, rather than a consequence of it.
    package let primary: Bool

    package init(ruleId: String, clientId: String, subject: String?, severity: String, primary: Bool = true) {
        self.ruleId = ruleId
        self.clientId = clientId
        self.subject = subject
        self.severity = severity
        self.primary = primary
    }

    package var description: String {
        "\(ruleId) \(severity) on \(clientId)" + (subject.map { " (\($0))" } ?? "") + (primary ? "" : " [incidental]")
    }
}
