import Hummingbird

extension SimulatorResponder {
    /// The largest audit-query body read.
    static let maximumQueryBody = 64 * 1024

    /// Routes the live dialect's endpoints besides the token and the client list; `nil` for a path it does not serve.
    ///
    /// `GET /api/v2/oauth/clients/{id}`, `GET /api/v2/authorization/roles`, the two allowlist
    /// endpoints, `POST /api/v2/audits/query`, `GET /api/v2/audits/query/{id}` and
    /// `GET /api/v2/audits/query/{id}/results`.
    func respondLive(to request: Request) async throws -> Response? {
        let path = request.uri.path
        switch path {
        case "/api/v2/authorization/roles":
            state.count { $0.roleListRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            return try await guarded(request) { rolesPage(request) }
        case "/api/v2/organizations/authentication/settings":
            state.count { $0.allowlistRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            return try await guarded(request) { authenticationSettings() }
        case "/api/v2/organizations/ipaddressauthentication":
            state.count { $0.allowlistRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            return try await guarded(request) { ipAddressAuthentication() }
        case "/api/v2/audits/query":
            state.count { $0.auditQueryRequests += 1 }
            guard request.method == .post else { return methodNotAllowed(request) }
            var request = request
            let body = Array(buffer: try await request.collectBody(upTo: Self.maximumQueryBody))
            return try await guarded(request) { submitQuery(body: body) }
        default:
            break
        }
        let clientsPrefix = "/api/v2/oauth/clients/", queryPrefix = "/api/v2/audits/query/"
        if path.hasPrefix(clientsPrefix) {
            let id = String(path.dropFirst(clientsPrefix.count))
            guard !id.isEmpty, !id.contains("/") else { return nil }
            state.count { $0.clientRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            return try await guarded(request) { liveClient(id: id) }
        }
        if path.hasPrefix(queryPrefix) {
            let rest = path.dropFirst(queryPrefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard let id = rest.first, !id.isEmpty, rest.count == 1 || (rest.count == 2 && rest[1] == "results") else { return nil }
            state.count { $0.auditQueryRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            if rest.count == 1 { return try await guarded(request) { pollQuery(id: id) } }
            return try await guarded(request) { queryResults(id: id, request) }
        }
        return nil
    }
}
