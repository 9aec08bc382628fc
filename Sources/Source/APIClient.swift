import Foundation
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import PartnerAuditCore

/// HTTP to the source with everything a polite, robust client needs, in one place for both
/// dialects: the bearer token (refreshed once on 401), the request budget, and bounded retries
/// with backoff on 429, 5xx and dropped connections.
package final class APIClient: Sendable {
    package let endpoint: SourceEndpoint
    private let httpClient: HTTPClient
    private let tokens: TokenProvider
    private let pacer: RequestPacer
    private let retry: RetryPolicy
    private let deadline: RequestDeadline
    private let clock: any WallClock
    /// The caller's logger behind the redactor: what adapters log goes through it too.
    package let logger: Logger
    /// Knows the credentials and every token issued; every error leaving the Source layer passes through it.
    package let redactor: SecretRedactor
    /// This client's own tally first, then those of the clients it was made from (`withOwnCounts()`).
    private let tallies: [RequestTally]

    package init(
        endpoint: SourceEndpoint, credentials: Credentials, httpClient: HTTPClient, requestsPerMinute: Int,
        retry: RetryPolicy, requestDeadline: Duration = RequestDeadline.default.limit, clock: any WallClock, logger: Logger
    ) {
        let redactor = SecretRedactor(credentials: credentials)
        self.endpoint = endpoint
        self.httpClient = httpClient
        self.redactor = redactor
        self.tokens = TokenProvider(endpoint: endpoint, credentials: credentials, redactor: redactor)
        self.pacer = RequestPacer(requestsPerMinute: requestsPerMinute, clock: clock)
        self.retry = retry
        self.deadline = RequestDeadline(requestDeadline)
        self.clock = clock
        self.logger = logger.redacting(with: redactor)
        self.tallies = [RequestTally()]
    }

    /// A client over the same connections, token, budget and retries as `other`, counting into `tallies`.
    private init(sharing other: APIClient, tallies: [RequestTally]) {
        endpoint = other.endpoint
        httpClient = other.httpClient
        redactor = other.redactor
        tokens = other.tokens
        pacer = other.pacer
        retry = other.retry
        deadline = other.deadline
        clock = other.clock
        logger = other.logger
        self.tallies = tallies
    }

    /// A client for one part of the work that runs beside others (a source of the extraction):
    /// the same connections, token, pacer and retries as this one, so the budget's spacing and a
    /// 429's hold cover both, and its requests counted in this client's `counts` too, but also on
    /// their own in its `counts`, so the part knows which requests were its own.
    package func withOwnCounts() -> APIClient {
        APIClient(sharing: self, tallies: [RequestTally()] + tallies)
    }

    /// The most bytes one answer's body may hold: 16 MiB, over 30 KB for each of a page's at most
    /// 500 events. A larger answer fails at once (`.responseTooLarge`), before it is parsed, so a
    /// page's memory stays a small multiple of this.
    package static let bodyLimit = 16 << 20

    /// An HTTP client as the API client needs it: redirects not followed behind its back (it
    /// follows them itself, keeping the bearer token on the API's origin), bounded timeouts.
    package static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Requests sent so far (every attempt, token requests included), and how many were answered 429:
    /// this client's and those of every client made from it (`withOwnCounts()`).
    package var counts: RequestCounters { tallies[0].counts }

    /// Fetches the access token now, so a credentials problem surfaces before any other work.
    package func authenticate() async throws {
        try await redactingErrors { _ = try await tokens.current(send: exchange) }
    }

    /// Runs `body`, redacting the secrets from any `SourceError` it throws: what an adapter
    /// wraps each `AuditSource` call in, so no error leaves the Source layer with a secret in it.
    package func redactingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SourceError {
            throw redactor.redact(error)
        }
    }

    /// Sends an API call and returns its 2xx answer.
    ///
    /// - Parameters:
    ///   - path: the path below the API base, e.g. `/api/v2/auditlogs`.
    ///   - label: what the call is for, used in log lines and errors (e.g. `audit log page 3 of …`).
    ///   - followsRedirect: a 3xx answer's `Location` is fetched (once); the bearer token goes
    ///     with it only when it points at the API's own origin, never to another host.
    ///   - returnsRedirect: a 3xx answer is returned as it is, for a caller that reads where to go
    ///     from its body (the live audit results' `downloadUrl`, fetched with `download`).
    package func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], jsonBody: [UInt8]? = nil, label: String,
        followsRedirect: Bool = false, returnsRedirect: Bool = false
    ) async throws -> APIResponse {
        try await redactingErrors {
            try await send(method, path, query: query, jsonBody: jsonBody, label: label,
                           redirects: returnsRedirect ? .returned : followsRedirect ? .followed : .refused)
        }
    }

    /// Fetches a presigned URL on another host (the live audit results' `downloadUrl`) with a
    /// plain GET that never carries the bearer token, paced and retried like any call.
    ///
    /// The URL must be `https`, or `http` on a loopback address (`SourceEndpoint.validated`).
    package func download(_ location: String, label: String) async throws -> APIResponse {
        try await redactingErrors {
            let description = "GET download (\(label))"
            guard let target = URL(string: location)?.absoluteURL, target.scheme != nil else {
                throw SourceError(.malformedResponse, request: description, message: "the download URL is not a URL")
            }
            let checked = try validated(target, request: description, refusal: "the download URL")
            return try await fetch(checked, bearer: nil, description: "\(description) from \(SourceEndpoint.origin(of: checked) ?? "?")")
        }
    }

    /// What `send` does with a 3xx answer.
    private enum Redirects { case refused, followed, returned }

    private func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)], jsonBody: [UInt8]?, label: String, redirects: Redirects
    ) async throws -> APIResponse {
        let url = endpoint.apiURL + path + Self.queryString(query)
        let description = "\(method) \(path) (\(label))"
        var token = try await tokens.current(send: exchange)
        var renewed = false
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Accept", value: "application/json")
            if let jsonBody {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: jsonBody))
            }
            let response = try await exchange(request, description)
            switch response.status {
            case 200..<300:
                return response
            case 300..<400 where redirects == .returned:
                return response
            case 300..<400 where redirects == .followed:
                return try await followRedirect(response, token: token, description: description)
            case 401 where !renewed:
                logger.notice("access token refused (401) on \(description); fetching a new one")
                token = try await tokens.renew(replacing: token, send: exchange)
                renewed = true
            case 401:
                throw SourceError(.unauthorized, request: description, message: "a fresh token was refused too")
            case 403:
                let needed = PermissionHint.forPath(path) ?? "the permission this endpoint needs"
                throw SourceError(.forbidden, request: description,
                    message: "give the OAuth client \(needed), through one of its roles (\(redactor.excerpt(of: response.body)))")
            default:
                throw SourceError(.unexpectedStatus(response.status), request: description, message: redactor.excerpt(of: response.body))
            }
        }
    }

    /// Fetches a redirect's target with a plain GET: with the bearer token only on the API's own origin.
    private func followRedirect(_ response: APIResponse, token: String, description: String) async throws -> APIResponse {
        guard let location = response.headers.first(name: "Location"),
              let target = URL(string: location, relativeTo: URL(string: endpoint.apiURL))?.absoluteURL else {
            throw SourceError(.malformedResponse, request: description, message: "a redirect (HTTP \(response.status)) without a usable Location")
        }
        let checked = try validated(target, request: description, refusal: "HTTP \(response.status)")
        let onOrigin = SourceEndpoint.origin(of: checked) == SourceEndpoint.origin(of: endpoint.apiURL)
        return try await fetch(checked, bearer: onOrigin ? token : nil,
                               description: "\(description) → redirected to \(SourceEndpoint.origin(of: checked) ?? "?")")
    }

    /// `target` as `SourceEndpoint.validated` accepts it; a refusal is `.insecureRedirect`, saying
    /// what pointed there (`refusal`: `HTTP 302`, `the download URL`) and why.
    private func validated(_ target: URL, request: String, refusal: String) throws(SourceError) -> String {
        do {
            return try SourceEndpoint.validated(target.absoluteString)
        } catch {
            throw SourceError(.insecureRedirect, request: request, message: "\(refusal) to \(error.request): \(error.message)")
        }
    }

    /// A plain GET of a checked URL, with the bearer token only when given; a non-2xx answer is an error.
    private func fetch(_ checked: String, bearer: String?, description: String) async throws -> APIResponse {
        var request = HTTPClientRequest(url: checked)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        let answer = try await exchange(request, description)
        guard (200..<300).contains(answer.status) else {
            throw SourceError(.unexpectedStatus(answer.status), request: description, message: redactor.excerpt(of: answer.body))
        }
        return answer
    }

    /// One request, paced and retried on 429, 5xx and connection failures; any other answer is returned.
    private func exchange(_ request: HTTPClientRequest, _ description: String) async throws -> APIResponse {
        var random = SystemRandomNumberGenerator()
        var lastProblem = ""
        for attempt in 1...retry.maxAttempts {
            try await pacer.acquire()
            count { $0.requests += 1 }
            var retryAfter: Duration?
            do {
                let answer = try await deadline.run(description) { [httpClient] in
                    let response = try await httpClient.execute(request, timeout: .seconds(60))
                    let body = try await response.body.collect(upTo: Self.bodyLimit)
                    return APIResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
                }
                switch answer.status {
                case 429:
                    count { $0.rateLimited += 1 }
                    retryAfter = answer.retryAfter(now: clock.now) ?? .seconds(1)
                    if let retryAfter, retryAfter > retry.maxRetryAfter {
                        throw SourceError(.retriesExhausted, request: description,
                            message: "the server asked to wait \(retryAfter.formatted) (Retry-After), more than the \(retry.maxRetryAfter.formatted) this tool waits")
                    }
                    lastProblem = "HTTP 429 (rate limited)"
                case 500, 502, 503, 504:
                    count { $0.serverErrors += 1 }
                    lastProblem = "HTTP \(answer.status)"
                default:
                    return answer
                }
            } catch let error as SourceError {
                throw error
            } catch is NIOTooManyBytesError {
                throw SourceError(.responseTooLarge, request: description, message: "the body is larger than \(Self.bodyLimit >> 20) MiB, the most one answer may hold")
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                count { $0.connectionFailures += 1 }
                lastProblem = "connection failed (\(error))"
            }
            guard attempt < retry.maxAttempts else { break }
            let delay = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &random)
            if let retryAfter { await pacer.pause(for: retryAfter) }
            logger.notice("\(lastProblem) on \(description); retrying in \(delay.formatted) (attempt \(attempt + 1) of \(retry.maxAttempts))")
            try await clock.sleep(for: delay)
        }
        throw SourceError(.retriesExhausted, request: description, message: "\(lastProblem) after \(retry.maxAttempts) attempts")
    }

    /// Counts one request's outcome in this client's tally and in those of the clients it was made from.
    private func count(_ change: (inout RequestCounters) -> Void) {
        for tally in tallies { tally.record(change) }
    }

    /// One path segment, percent-encoded (an id from the source is untrusted text).
    package static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))) ?? text
    }

    private static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "+&=?/:"))
        return "?" + items.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }
}

/// What the client has sent and drawn so far.
package struct RequestCounters: Sendable, Equatable {
    package var requests = 0
    package var rateLimited = 0
    package var serverErrors = 0
    package var connectionFailures = 0
}

extension Duration {
    /// `1.25s`-style text for log lines.
    package var formatted: String {
        let seconds = timeInterval
        return seconds < 10 ? String(format: "%.2fs", seconds) : String(format: "%.0fs", seconds)
    }
}
