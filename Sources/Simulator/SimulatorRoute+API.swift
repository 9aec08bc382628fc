extension SimulatorRoute {
    /// `POST /oauth/token`: the one route outside the bearer-token check and the faults.
    static let token = SimulatorRoute(.post, "/oauth/token", counts: \SimulatorStats.tokenRequests)
    /// `GET /api/v2/oauth/clients`, in both dialects.
    static let clients = SimulatorRoute(.get, "/api/v2/oauth/clients", counts: \SimulatorStats.clientListRequests)

    // MARK: - Guide dialect

    /// `GET /api/v2/auditlogs`.
    static let auditLogs = SimulatorRoute(.get, "/api/v2/auditlogs", counts: \SimulatorStats.auditLogRequests)

    // MARK: - Live dialect

    /// `GET /api/v2/oauth/clients/{id}`.
    static let client = SimulatorRoute(.get, "/api/v2/oauth/clients/{id}", counts: \SimulatorStats.clientRequests)
    /// `GET /api/v2/authorization/roles`.
    static let roles = SimulatorRoute(.get, "/api/v2/authorization/roles", counts: \SimulatorStats.roleListRequests)
    /// `GET /api/v2/organizations/authentication/settings`.
    static let authenticationSettings = SimulatorRoute(
        .get, "/api/v2/organizations/authentication/settings", counts: \SimulatorStats.allowlistRequests)
    /// `GET /api/v2/organizations/ipaddressauthentication`, the older allowlist endpoint.
    static let ipAddressAuthentication = SimulatorRoute(
        .get, "/api/v2/organizations/ipaddressauthentication", counts: \SimulatorStats.allowlistRequests)
    /// `POST /api/v2/audits/query`.
    static let submitQuery = SimulatorRoute(.post, "/api/v2/audits/query", counts: \SimulatorStats.auditQueryRequests)
    /// `GET /api/v2/audits/query/{transactionId}`.
    static let pollQuery = SimulatorRoute(.get, "/api/v2/audits/query/{transactionId}", counts: \SimulatorStats.auditQueryRequests)
    /// `GET /api/v2/audits/query/{transactionId}/results`.
    static let queryResults = SimulatorRoute(
        .get, "/api/v2/audits/query/{transactionId}/results", counts: \SimulatorStats.auditQueryRequests)
    /// `POST /api/v2/usage/query`.
    static let submitUsageQuery = SimulatorRoute(.post, "/api/v2/usage/query", counts: \SimulatorStats.usageQueryRequests)
    /// `GET /api/v2/usage/query/{executionId}/results`.
    static let usageResults = SimulatorRoute(
        .get, "/api/v2/usage/query/{executionId}/results", counts: \SimulatorStats.usageQueryRequests)

    /// `GET /api/v2/oauth/scopes`, the organisation's scope registry.
    static let scopes = SimulatorRoute(.get, "/api/v2/oauth/scopes", counts: \SimulatorStats.registryRequests)
    /// `GET /api/v2/authorization/permissions`, the organisation's permission catalog.
    static let permissions = SimulatorRoute(.get, "/api/v2/authorization/permissions", counts: \SimulatorStats.registryRequests)
    /// `GET /api/v2/audits/query/servicemapping`, what the audit query knows (read by `doctor`).
    static let serviceMapping = SimulatorRoute(.get, "/api/v2/audits/query/servicemapping", counts: \SimulatorStats.auditQueryRequests)

    /// `GET /downloads/{token}` on the live dialect's download listener, which counts its requests as a whole.
    static let download = SimulatorRoute(.get, "/downloads/{token}", counts: nil)
}
