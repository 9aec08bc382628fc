import PartnerAuditCore

/// Where a read stopped: the window it was filling, the pages read into it, the page, and why.
struct ReadFailure: Error {
    var window: TimeWindow
    var pages: Int
    /// The page, e.g. `results page 3 of audit query 1 of 1 of window [...)`.
    var place: String
    var underlying: any Error
}
