import PartnerAuditCore

extension APIClient {
    /// The most pages one listing may take: 5,000,000 entities at the largest page size.
    static let maxListingPages = 10_000

    /// Every entity of a page-numbered listing (`pageSize`, `pageNumber` from 1, until `pageCount`
    /// or an empty page), with the label of the page it came from, e.g. `OAuth clients page 2`.
    ///
    /// A listing that pages past `maxListingPages` or serves a page of ids again fails (`PagingGuard`).
    func numberedListing(_ path: String, what: String, pageSize: Int) async throws -> [(entity: JSONValue, page: String)] {
        var entities: [(entity: JSONValue, page: String)] = []
        var paging = PagingGuard(maxPages: Self.maxListingPages, of: "GET \(path) (\(what))")
        var pageNumber = 1
        while true {
            let label = "\(what) page \(pageNumber)"
            let response = try await call(.GET, path, query: [("pageSize", String(pageSize)), ("pageNumber", String(pageNumber))], label: label)
            let page = try SourcePage(response, label: "GET \(path) (\(label))", keepsEntityTexts: false)
            try paging.admit(page: "page \(pageNumber)", ids: page.entities.map { $0["id"]?.stringValue ?? "" }, next: nil)
            entities += page.entities.map { ($0, label) }
            let pageCount = page.count("pageCount") ?? pageNumber
            if page.entities.isEmpty || pageNumber >= pageCount { return entities }
            pageNumber += 1
        }
    }
}
