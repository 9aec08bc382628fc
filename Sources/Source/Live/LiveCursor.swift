/// Where the live adapter is within a window: which ≤31-day interval, its query, its results cursor.
///
/// Carried between pages as the extractor's opaque `PageCursor`; an empty `transactionID`
/// means the interval's query is still to be submitted.
struct LiveCursor: Equatable {
    /// Index of the interval within the window's split.
    var interval: Int
    var transactionID: String
    /// The results cursor the source gave with the previous page.
    var resultsCursor: String?
    /// The number of the results page this cursor leads to, from 1, for messages.
    var page: Int

    init(interval: Int, transactionID: String = "", resultsCursor: String? = nil, page: Int = 1) {
        self.interval = interval
        self.transactionID = transactionID
        self.resultsCursor = resultsCursor
        self.page = page
    }

    /// Reads a cursor this type wrote; `nil` for anything else.
    init?(_ cursor: PageCursor) {
        let parts = cursor.value.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let interval = Int(parts[0]), let page = Int(parts[1]) else { return nil }
        self.init(interval: interval, transactionID: String(parts[2]), resultsCursor: parts[3].isEmpty ? nil : String(parts[3]), page: page)
    }

    /// The extractor's opaque cursor; its label names the page and the query, e.g. `results page 3 of audit query 2 of 3`.
    func pageCursor(intervals: Int) -> PageCursor {
        PageCursor(value: "\(interval)\n\(page)\n\(transactionID)\n\(resultsCursor ?? "")",
                   label: "results page \(page) of audit query \(interval + 1) of \(intervals)",
                   // The page number only counts; the same results cursor of the same query is the same page.
                   identity: "\(interval)\n\(transactionID)\n\(resultsCursor ?? "")")
    }
}
