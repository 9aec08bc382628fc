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
    /// Audit events sent in pages (a dropped page counts too).
    package var eventsServed = 0

    package init() {}

    /// Every request received.
    package var totalRequests: Int { tokenRequests + clientListRequests + auditLogRequests + unknownRequests }
}
