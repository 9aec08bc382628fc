import Logging
import PartnerAuditCore

/// The guide dialect (source-api.md sections 1–3): paged OAuth clients and the
/// page-numbered `GET /api/v2/auditlogs` with `from`/`to`.
package struct GuideSource: AuditSource {
    private let api: APIClient
    private let pageSize: Int

    package init(api: APIClient, pageSize: Int) {
        self.api = api
        self.pageSize = min(max(pageSize, 1), 500)
    }

    package var dialect: SourceDialect { .guide }
    package var requestCounts: RequestCounters { api.counts }

    package func authenticate() async throws { try await api.authenticate() }

    package func clients() async throws -> [ClientSnapshot] {
        try await api.redactingErrors { try await listClients() }
    }

    /// The guide's API has no registries: WS-2 reads the shipped list.
    package func grantRegistries() async throws -> [GrantRegistryRead] { [] }

    package func eventPage(in window: TimeWindow, after cursor: PageCursor?) async throws -> EventPage {
        try await api.redactingErrors { try await readPage(in: window, after: cursor) }
    }

    /// The guide's log is read window by window: each says its total, which bounds its memory.
    package var longestRead: TimeSpan? { nil }

    /// Its pages: the window is read as the platform pages it.
    package func minimumRequests(toRead window: TimeWindow, pageFetches: Int) -> Int {
        pageFetches
    }

    private func listClients() async throws -> [ClientSnapshot] {
        try await api.numberedListing("/api/v2/oauth/clients", what: "OAuth clients", pageSize: pageSize).map { entity, page in
            do {
                return try ClientSnapshot(sourceJSON: entity)
            } catch {
                throw SourceError(.malformedResponse, request: "GET /api/v2/oauth/clients (\(page))", message: "\(error)")
            }
        }
    }

    private func readPage(in window: TimeWindow, after cursor: PageCursor?) async throws -> EventPage {
        let pageNumber = cursor.flatMap { Int($0.value) } ?? 1
        let label = "audit log page \(pageNumber) of \(window)"
        // The response is not kept: its bytes are freed once parsed, before the events are decoded.
        let page = try SourcePage(try await api.call(.GET, "/api/v2/auditlogs", query: [
            ("pageSize", String(pageSize)), ("page", String(pageNumber)),
            ("from", Timestamp.format(milliseconds: window.fromMillis)), ("to", Timestamp.format(milliseconds: window.toMillis)),
        ], label: label), label: label)
        var events: [AuditEvent] = []
        var rejected: [RejectedEvent] = []
        events.reserveCapacity(page.entities.count)
        for (position, (entity, text)) in zip(page.entities, page.entityTexts).enumerated() {
            do {
                // Stored as sent, its text could name other values than its columns: a key given twice, or spelled with an escape.
                if let ambiguous = page.ambiguousKeys[position] {
                    throw SourceDataError(what: "audit event", field: ErrorText.prefix(ambiguous.key, scalars: 100), reason: ambiguous.reason)
                }
                let event = try AuditEvent(guideJSON: entity, rawText: text)
                // The contract bounds the window; anything outside it is the server's mistake, not data to keep here.
                guard event.timestampMillis >= window.fromMillis, event.timestampMillis < window.toMillis else {
                    throw SourceDataError(what: "audit event \(event.id)", field: "timestamp", reason: "\(event.timestamp) lies outside the requested window")
                }
                events.append(event)
            } catch {
                // One event that cannot be read is left out and recorded, not a reason to stop the window.
                rejected.append(RejectedEvent(json: entity, error: error))
            }
        }
        let pageCount = page.count("pageCount") ?? pageNumber
        let isLast = page.entities.count < pageSize || pageNumber >= pageCount
        let next = isLast ? nil : PageCursor(value: String(pageNumber + 1), label: "page \(pageNumber + 1)")
        return EventPage(events: events, next: next, windowTotal: page.count("total"), rejected: rejected)
    }
}
