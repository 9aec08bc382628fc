import Foundation
import PartnerAuditCore

extension Policy {
    /// Marks a finding waived when an unexpired waiver covers it at `moment`; an expired one is
    /// noted on the finding, which stays open and says the waiver has lapsed.
    package func applyWaiver(to finding: inout Finding, at moment: Date) {
        let clientID = finding.clientID.isEmpty ? nil : finding.clientID
        guard let waiver = waiver(ruleID: finding.ruleID, clientID: clientID, subject: finding.subject, on: moment) else { return }
        let expired = waiver.isExpired(on: moment)
        finding.waiver = WaiverNote(justification: waiver.justification, approvedBy: waiver.approvedBy ?? "", expires: waiver.expiryDay, expired: expired)
        if expired {
            finding.detail += " A waiver covered this until \(waiver.expiryDay); it has expired and no longer applies."
        } else {
            finding.status = .waived
        }
    }
}
