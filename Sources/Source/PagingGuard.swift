/// Stops paging that would never end: a source serving the same page for ever, handing back a
/// cursor it gave before, or more pages than any honest answer needs.
///
/// One guard per paged read (a window of the audit log, a listing); each page is admitted before
/// its successor is asked for, so a loop is caught on its first repetition and nothing of the
/// read is kept.
///
/// ```swift
/// var guard = PagingGuard(maxPages: 25_000, of: "window [from, to)")
/// try guard.admit(page: "page 2", ids: page.events.map(\.id), next: page.next?.identity)
/// ```
package struct PagingGuard: Sendable {
    /// The most pages the read may take.
    package let maxPages: Int
    /// What is being read, for errors: `window [from, to)`, `OAuth clients`.
    package let what: String
    /// Pages admitted so far.
    package private(set) var pages = 0
    private var cursors: Set<String> = []
    private var pageFingerprints: Set<Int> = []

    package init(maxPages: Int, of what: String) {
        self.maxPages = maxPages
        self.what = what
    }

    /// Counts one page and remembers its ids and the cursor to the next one.
    ///
    /// - Throws: `SourceError(.runawayPaging)` naming the read and the page: past `maxPages`, a
    ///   page whose ids (in order, not empty) an earlier page already had, or a next cursor that
    ///   was handed out before.
    package mutating func admit(page label: String, ids: [String], next: String?) throws(SourceError) {
        pages += 1
        let request = "\(label) of \(what)"
        guard pages <= maxPages else {
            throw SourceError(.runawayPaging, request: request, message: "more than \(maxPages) pages, the most one read may take")
        }
        if !ids.isEmpty {
            var hasher = Hasher()
            ids.forEach { hasher.combine($0) }
            guard pageFingerprints.insert(hasher.finalize()).inserted else {
                throw SourceError(.runawayPaging, request: request,
                    message: "the source served the same page of \(ids.count) items again; nothing of it was stored")
            }
        }
        if let next {
            guard cursors.insert(next).inserted else {
                throw SourceError(.runawayPaging, request: request, message: "the source handed back a cursor it gave before; nothing of it was stored")
            }
        }
    }
}
