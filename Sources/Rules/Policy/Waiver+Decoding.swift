import Foundation
import PartnerAuditCore

// MARK: - Reading one entry of `waivers`

extension Waiver {
    /// Reads the `number`th waiver (1-based), refusing unknown rules and a missing `justification` or `expires`.
    init(_ map: YAMLMapping, number: Int, knownRuleIDs: Set<String>) throws(ConfigurationError) {
        let context = "waiver \(number)"
        try map.rejectUnknownKeys(["ruleId", "clientId", "subject", "justification", "approvedBy", "expires"], context: context)
        let ruleID = try map.requiredString("ruleId", in: context)
        guard knownRuleIDs.contains(ruleID) else {
            let hint = knownRuleIDs.contains(ruleID.uppercased()) ? " (did you mean '\(ruleID.uppercased())'?)" : ""
            let known = knownRuleIDs.sorted().joined(separator: ", ")
            throw map.error("\(context): unknown rule id '\(ruleID)'\(hint) (known: \(known))", line: map.line(of: "ruleId"))
        }
        let justification = try map.requiredString("justification", in: context)
        let expiresText = try map.requiredString("expires", in: context)
        guard let expires = Self.day(expiresText) else {
            throw map.error("\(context): 'expires' must be a date YYYY-MM-DD, not '\(expiresText)'", line: map.line(of: "expires"))
        }
        self.init(
            ruleID: ruleID,
            clientID: try map.string("clientId"),
            subject: try map.string("subject"),
            justification: justification,
            approvedBy: try map.string("approvedBy"),
            expires: expires,
            line: map.line
        )
    }

    /// Midnight UTC at the start of a real calendar day written `YYYY-MM-DD`, or `nil`.
    static func day(_ text: String) -> Date? {
        guard text.utf8.count == 10, let date = Timestamp.parse(text + "T00:00:00Z") else { return nil }
        // Timestamp accepts any day 1–31; a day the month lacks (02-30) rolls over and is refused here.
        return Timestamp.format(date).hasPrefix(text) ? date : nil
    }
}
