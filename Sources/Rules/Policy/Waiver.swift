import Foundation
import PartnerAuditCore

/// An accepted risk: findings of one rule, for one client and subject or for any, are waived until a date.
///
/// Waived findings are shown in reports, never hidden. A waiver applies through the end of
/// its `expires` day in UTC: one that expires on 2027-03-31 still applies at
/// 2027-03-31T23:59:59Z and no longer at 2027-04-01T00:00:00Z, when it says it has expired.
package struct Waiver: Sendable, Equatable {
    /// The rule whose findings it waives (`AL-2`).
    package var ruleID: String
    /// The client it is limited to; `nil` waives the rule for every client.
    package var clientID: String?
    /// The one scope, CIDR or IP it is limited to; `nil` waives every subject.
    package var subject: String?
    /// Why the risk is accepted; never empty.
    package var justification: String
    /// Who accepted it.
    package var approvedBy: String?
    /// The last day it applies: midnight UTC at the start of that day.
    package var expires: Date
    /// Where the waiver was declared, for messages.
    package var line: Int?

    package init(
        ruleID: String, clientID: String? = nil, subject: String? = nil, justification: String,
        approvedBy: String? = nil, expires: Date, line: Int? = nil
    ) {
        self.ruleID = ruleID
        self.clientID = clientID
        self.subject = subject
        self.justification = justification
        self.approvedBy = approvedBy
        self.expires = expires
        self.line = line
    }

    /// The first moment the waiver no longer applies: midnight UTC after its `expires` day.
    package var end: Date { expires.addingTimeInterval(TimeSpan.day.seconds) }

    /// The `expires` day as written in the file: `2027-03-31`.
    package var expiryDay: String { String(Timestamp.format(expires).prefix(10)) }

    /// Whether the waiver has run out at that moment (it applies through the whole `expires` day).
    package func isExpired(on date: Date) -> Bool { date >= end }

    /// Whether it covers a finding of this rule, client and subject, expired or not.
    ///
    /// A subject matches when it is the same text, or when both are CIDR blocks or addresses
    /// covering the same addresses (`198.51.100.0/23` and `198.51.100.7/23`, `::ffff:192.0.2.1` and `192.0.2.1`).
    package func covers(ruleID: String, clientID: String?, subject: String?) -> Bool {
        guard self.ruleID == ruleID else { return false }
        if let required = self.clientID, required != clientID { return false }
        guard let required = self.subject else { return true }
        guard let subject else { return false }
        if required == subject { return true }
        guard let left = try? CIDRBlock.parse(required), let right = try? CIDRBlock.parse(subject) else { return false }
        return left == right
    }
}
