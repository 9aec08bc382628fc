import Logging
import NIOHTTP1
import PartnerAuditCore

/// The live platform's API Usage service (source-api.md section 5): submit an interval grouped
/// by client, template and method per day, then poll its results until the query is complete.
///
/// Every request goes through the shared `APIClient`, so each poll counts against the request
/// budget and is retried on 429 and 5xx like any other call.
package struct LiveUsageQuery: Sendable {
    /// What the service is asked for: the figures of every row.
    static let metrics = ["Requests", "Status200", "Status300", "Status400", "Status429", "Status500"]
    static let groupBy = ["OAuthClientId", "TemplateUri", "HttpMethod"]

    private let api: APIClient
    private let polling: AuditQueryPolling
    private let clock: any WallClock

    /// The vendor asks for a poll every minute or two: by default the first comes 5 s after
    /// the submission, then the wait doubles to at most 90 s, for at most 30 minutes.
    package static let defaultPolling = AuditQueryPolling(firstDelay: .seconds(5), maxDelay: .seconds(90), timeout: .seconds(30 * 60))

    package init(api: APIClient, polling: AuditQueryPolling = LiveUsageQuery.defaultPolling, clock: any WallClock) {
        self.api = api
        self.polling = polling
        self.clock = clock
    }

    /// Requests sent so far through the shared client (every source's), and 429s drawn.
    package var requestCounts: RequestCounters { api.counts }

    /// The rows of `interval` (whole UTC days), once the query is complete; `polls` counts the results requests.
    ///
    /// - Throws: `SourceError` `.queryFailed` when the query ends `Failed`, `.retriesExhausted`
    ///   when it is still running after the polling timeout, `.malformedResponse` for an answer
    ///   or a row that is not what section 5 describes.
    package func rows(in interval: TimeWindow) async throws -> (rows: [APIUsageRow], polls: Int) {
        try await api.redactingErrors {
            let execution = try await submit(interval)
            return try await results(execution, interval: interval)
        }
    }

    /// Submits the query of `interval` and returns its execution id (`doctor` submits one and reads no results).
    func submit(_ interval: TimeWindow) async throws -> String {
        let body = JSONValue.object([
            "interval": .string("\(Timestamp.format(milliseconds: interval.fromMillis))/\(Timestamp.format(milliseconds: interval.toMillis))"),
            "granularity": .string("Day"),
            "groupBy": .array(Self.groupBy.map(JSONValue.string)),
            "metrics": .array(Self.metrics.map(JSONValue.string)),
        ]).canonicalText
        let label = "usage query for \(interval)"
        let response = try await api.call(.POST, "/api/v2/usage/query", jsonBody: Array(body.utf8), label: label)
        return try Self.executionID(response.body, request: "POST /api/v2/usage/query (\(label))")
    }

    /// The `executionId` of a submission's answer (`{executionId, resultsUri}`); the results are
    /// always read from `/api/v2/usage/query/{executionId}/results`, whatever `resultsUri` says.
    package static func executionID(_ body: [UInt8], request: String) throws(SourceError) -> String {
        guard let json = try? JSONParser.parse(body), let id = json["executionId"]?.nonEmptyString else {
            throw SourceError(.malformedResponse, request: request, message: "no executionId in the answer")
        }
        return id
    }

    /// Polls the results with a growing wait until the query is `Complete`, and decodes its rows.
    private func results(_ execution: String, interval: TimeWindow) async throws -> (rows: [APIUsageRow], polls: Int) {
        let path = "/api/v2/usage/query/\(APIClient.pathSegment(execution))/results"
        let label = "usage query \(execution) for \(interval)"
        let request = "GET \(path) (\(label))"
        let started = clock.now
        var poll = 0
        while true {
            try await clock.sleep(for: polling.delay(afterPoll: max(poll, 1)))
            poll += 1
            let response = try await api.call(.GET, path, label: label)
            let answer = try Self.answer(response.body, request: request)
            switch answer.status {
            case "Complete":
                return (answer.rows, poll)
            case "Failed":
                throw SourceError(.queryFailed, request: request, message: "the usage query ended Failed; the interval was not read")
            default:
                let waited = Duration.seconds(clock.now.timeIntervalSince(started))
                guard waited < polling.timeout else {
                    throw SourceError(.retriesExhausted, request: request, message: "the usage query was still \(answer.status) after \(waited.formatted) of polling")
                }
            }
        }
    }

    /// Reads one answer of the results endpoint: its `queryStatus` and, when complete, its rows.
    ///
    /// The answer holds every row of the interval (the endpoint is not paged): its rows are
    /// decoded one at a time as the parser reaches them (`JSONParser.parse(_:streamingElementsOf:)`),
    /// so memory holds the body and the rows, never the tree of the whole answer.
    ///
    /// - Throws: `SourceError` `.malformedResponse` naming what is wrong: not JSON, no
    ///   `queryStatus`, `results` not a list, or a row that is not an `ApiUsageRow` with a day.
    package static func answer(_ body: [UInt8], request: String) throws(SourceError) -> (status: String, rows: [APIUsageRow]) {
        var rows: [APIUsageRow] = []
        var elements = 0
        var failure: String?
        let json = try? JSONParser.parse(body, streamingElementsOf: "results") { item in
            elements += 1
            guard failure == nil else { return }
            do {
                rows.append(try APIUsageRow(usageJSON: item))
            } catch {
                failure = "row \(elements): \(error)"
            }
        }
        guard let json, let status = json["queryStatus"]?.nonEmptyString else {
            throw SourceError(.malformedResponse, request: request, message: "no queryStatus in the answer")
        }
        guard status == "Complete" else { return (status, []) }
        if let results = json["results"], results != .null, results.arrayValue == nil {
            throw SourceError(.malformedResponse, request: request, message: "'results' is not a list")
        }
        if let failure { throw SourceError(.malformedResponse, request: request, message: failure) }
        return (status, rows)
    }
}
