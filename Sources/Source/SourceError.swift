import PartnerAuditCore

/// The source failed: names what was being fetched and why. Never carries a secret.
package struct SourceError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// The token endpoint refused the client credentials (final, not retried).
        case credentialsRefused
        /// A call was refused with 401 again after one fresh token.
        case unauthorized
        /// 403: the OAuth client lacks a permission the call needs.
        case forbidden
        /// 429, 5xx or connection failures outlasted the retry bound.
        case retriesExhausted
        /// An answer that is neither success nor retryable (e.g. 400, 404).
        case unexpectedStatus(Int)
        /// A request (head and whole body) took longer than its deadline (final, not retried).
        case deadlineExceeded
        /// A body larger than the cap on one answer (final, not retried).
        case responseTooLarge
        /// Paging that would not end: too many pages, a page or a cursor served again.
        case runawayPaging
        /// A window holding more events than can be read in one piece, even split as finely as the tool splits.
        case tooManyEvents
        /// A body that is not the JSON the contract describes.
        case malformedResponse
        /// A live audit query ended `Failed` or `Cancelled`, again after one resubmission.
        case queryFailed
        /// A URL that would send credentials in clear text, or is not a URL.
        case insecureURL
        /// A redirect to a URL that would send the request in clear text, or to no URL.
        case insecureRedirect
    }

    package var code: Code
    /// What was being fetched, e.g. `GET /api/v2/auditlogs page 3 of [from, to)`.
    package var request: String
    package var message: String

    package init(_ code: Code, request: String, message: String) {
        self.code = code
        self.request = request
        self.message = message
    }

    package var description: String {
        let what: String = switch code {
        case .credentialsRefused: "the source refused the client credentials"
        case .unauthorized: "the source refused the access token twice (401)"
        case .forbidden: "the OAuth client lacks a permission (403)"
        case .retriesExhausted: "gave up after repeated failures"
        case .unexpectedStatus(let status): "unexpected HTTP \(status)"
        case .deadlineExceeded: "the request outlasted its deadline"
        case .responseTooLarge: "the answer is too large"
        case .runawayPaging: "paging that would not end"
        case .tooManyEvents: "too many events in one window"
        case .malformedResponse: "malformed response"
        case .queryFailed: "the audit query failed"
        case .insecureURL: "refused URL"
        case .insecureRedirect: "refused redirect"
        }
        return "\(what): \(request): \(message)"
    }
}
