import Foundation
import PartnerAuditCore
import Rules
import Warehouse

/// Everything one evidence pack says, gathered from the warehouse once and then written
/// out as XML, HTML, JSON and CSV: every format prints the same facts.
///
/// Every list is in a deterministic order, so the same warehouse and request give the same bytes.
struct PackContent: Sendable {
    var request: ReportRequest
    /// The end of the evidence: the period's end, or the generation moment for a period still in progress.
    var asOf: Int64
    /// The findings of the period (see `EvidencePackBuilder.periodFindings`), most severe first.
    var findings: [PeriodFinding]
    var summary: FindingSummary
    /// Events and denials per day (per month for periods over 400 days), oldest first, every bucket present.
    var activity: [ActivityBucket]
    var activityByMonth: Bool
    /// One matrix per requested framework, in the request's order.
    var controlMatrices: [ControlMatrix]
    var inventory: Inventory
    var changes: [ClientChange]
    var coverage: EvidenceCoverage
    var method: MethodFacts

    /// Whether the period had not ended when the pack was made.
    var inProgress: Bool { asOf < request.period.window.toMillis }
    var asOfText: String { Timestamp.format(milliseconds: asOf) }
}
