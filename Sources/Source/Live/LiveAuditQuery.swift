import Logging
import NIOHTTP1
import PartnerAuditCore

/// The live audit query (source-api.md section 4): submit an interval, poll the transaction
/// until it has succeeded, then read its results by cursor.
struct LiveAuditQuery: Sendable {
    /// The longest interval one query may cover.
    static let maxInterval = TimeSpan.days(31)

    let api: APIClient
    let pageSize: Int
    let polling: AuditQueryPolling
    let clock: any WallClock
    let logger: Logger
    /// How long this organisation's last queries ran: when to poll the next one first.
    let runTimes = QueryRunTimes()

    /// Submits the interval and waits until its transaction has succeeded; a transaction that
    /// ends `Failed` or `Cancelled` is submitted once more, then the run fails naming the interval.
    func run(_ interval: TimeWindow) async throws -> String {
        var lastState = ""
        for attempt in 1...2 {
            let transaction = try await submit(interval)
            lastState = try await waitForCompletion(transaction, interval: interval)
            if lastState == "Succeeded" { return transaction }
            if attempt == 1 {
                logger.notice("audit query \(transaction) for \(interval) ended \(lastState); submitting it once more")
            }
        }
        throw SourceError(.queryFailed, request: "POST /api/v2/audits/query for \(interval)",
                          message: "the audit query ended \(lastState) twice; the interval was not read")
    }

    /// One page of a succeeded transaction's results (from a download when the platform
    /// redirects a large page, `AuditResultsPage`); `next` is `nil` on the last page.
    /// A message that cannot be read is left out and returned among `rejected`.
    func results(_ transaction: String, cursor: String?, label: String) async throws
        -> (events: [AuditEvent], rejected: [RejectedEvent], next: String?, downloaded: Bool)
    {
        var query = [("pageSize", String(pageSize)), ("allowRedirect", "true")]
        if let cursor { query.append(("cursor", cursor)) }
        let path = "/api/v2/audits/query/\(APIClient.pathSegment(transaction))/results"
        let request = "GET \(path) (\(label))"
        let page = try await AuditResultsPage.read(
            try await api.call(.GET, path, query: query, label: label, returnsRedirect: true), api: api, request: request, label: label)
        var events: [AuditEvent] = []
        var rejected: [RejectedEvent] = []
        events.reserveCapacity(page.messages.count)
        for message in page.messages {
            do {
                events.append(try AuditEvent(liveJSON: message))
            } catch {
                rejected.append(RejectedEvent(json: message, error: error))
            }
        }
        return (events, rejected, page.cursor, page.downloaded)
    }

    private func submit(_ interval: TimeWindow) async throws -> String {
        let body = JSONValue.object([
            "interval": .string("\(Timestamp.format(milliseconds: interval.fromMillis))/\(Timestamp.format(milliseconds: interval.toMillis))"),
            "sort": .array([.object(["name": .string("Timestamp"), "sortOrder": .string("ascending")])]),
        ]).canonicalText
        let label = "audit query for \(interval)"
        let response = try await api.call(.POST, "/api/v2/audits/query", jsonBody: Array(body.utf8), label: label)
        guard let json = try? JSONParser.parse(response.body), let id = json["id"]?.nonEmptyString else {
            throw SourceError(.malformedResponse, request: "POST /api/v2/audits/query (\(label))", message: "no transaction id in the answer")
        }
        return id
    }

    /// Waits about as long as the last queries ran, then polls until the transaction leaves
    /// `Queued`/`Running` (`AuditQueryPolling`); records how long it ran and returns its final state.
    private func waitForCompletion(_ transaction: String, interval: TimeWindow) async throws -> String {
        let path = "/api/v2/audits/query/\(APIClient.pathSegment(transaction))"
        let label = "audit query \(transaction) for \(interval)"
        let started = clock.now
        let expected = runTimes.expected
        if expected > .zero { try await clock.sleep(for: expected) }
        var poll = 0
        var lastRunning: Duration?
        while true {
            poll += 1
            let sent = Duration.seconds(clock.now.timeIntervalSince(started))
            let response = try await api.call(.GET, path, label: label)
            guard let json = try? JSONParser.parse(response.body), let state = json["state"]?.nonEmptyString else {
                throw SourceError(.malformedResponse, request: "GET \(path) (\(label))", message: "no state in the answer")
            }
            switch state {
            case "Queued", "Running":
                lastRunning = sent
                let waited = Duration.seconds(clock.now.timeIntervalSince(started))
                guard waited < polling.timeout else {
                    throw SourceError(.retriesExhausted, request: "GET \(path) (\(label))",
                                      message: "the audit query was still \(state) after \(waited.formatted) of polling")
                }
                try await clock.sleep(for: polling.delay(afterPoll: poll, expecting: expected))
            default:
                runTimes.record(lastRunning.map { ($0 + sent) / 2 } ?? sent)
                return state
            }
        }
    }
}
