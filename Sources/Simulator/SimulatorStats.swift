/// What the simulator has served and injected so far.
package struct SimulatorStats: Sendable, Equatable {
    /// Requests to `POST /oauth/token`.
    package var tokenRequests = 0
    /// Requests to `GET /api/v2/oauth/clients`.
    package var clientListRequests = 0
    /// Requests to `GET /api/v2/auditlogs`.
    package var auditLogRequests = 0
    /// Requests to any other path (answered 404).
    package var unknownRequests = 0
    package var tokensIssued = 0
    /// 401 answers, on the token endpoint and on API calls.
    package var unauthorized = 0
    /// API requests refused 403 by the `forbid=PATH` fault.
    package var forbidden = 0
    /// 400 answers to bad parameters.
    package var badRequests = 0
    /// Random 429 answers (the `429=` fault).
    package var rateLimited = 0
    /// 429 answers of the `budget=` limiter.
    package var budgetExceeded = 0
    /// Injected 500/502/503/504 answers.
    package var serverErrors = 0
    /// Connections broken mid-body.
    package var drops = 0
    /// Answers delayed by the `slow=` fault.
    package var slowed = 0
    /// Audit events sent in pages (a dropped page counts too), live results and downloads included.
    package var eventsServed = 0

    // MARK: - Live dialect

    /// Requests to `GET /api/v2/oauth/clients/{id}`.
    package var clientRequests = 0
    /// Requests to `GET /api/v2/authorization/roles`.
    package var roleListRequests = 0
    /// Requests to the two allowlist endpoints (authentication settings, IP address authentication).
    package var allowlistRequests = 0
    /// Requests to `/api/v2/audits/query` and below it: submissions, polls and results.
    package var auditQueryRequests = 0
    /// Audit queries accepted (answered `Queued`).
    package var queriesSubmitted = 0
    /// Polls of a known transaction's state.
    package var queryPolls = 0
    /// Transactions that ended `Failed` (reported so by a poll).
    package var failedTransactions = 0
    /// Results pages answered 200 by the API listener.
    package var resultPages = 0
    /// Results pages answered `303 See Other` to the download listener.
    package var redirectsServed = 0
    /// Requests to `/api/v2/usage/query` and below it: submissions and results polls.
    package var usageQueryRequests = 0
    /// Usage queries accepted.
    package var usageQueriesSubmitted = 0
    /// Results polls of a known usage query answered `Running`.
    package var usagePollsRunning = 0
    /// Requests to the two known-grant registries (`/api/v2/oauth/scopes`, `/api/v2/authorization/permissions`).
    package var registryRequests = 0
    /// Requests to the download listener.
    package var downloadRequests = 0
    /// Requests to the download listener that carried an `Authorization` header (a client leaking its token).
    package var downloadRequestsWithAuthorization = 0

    package init() {}

    /// Every request received.
    package var totalRequests: Int {
        tokenRequests + clientListRequests + auditLogRequests + unknownRequests
            + clientRequests + roleListRequests + allowlistRequests + auditQueryRequests + usageQueryRequests + registryRequests + downloadRequests
    }
}
