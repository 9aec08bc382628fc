import Foundation
import Hummingbird
import Logging
import PartnerAuditCore

/// Answers the dialect of the organisation's options: the guide dialect of source-api.md
/// (sections 1–3) or the live one (section 4), faults included.
///
/// One method routes by path; the token endpoint, the client list and the audit log each
/// live in their own extension, and the live dialect's other endpoints in `+Live…` ones.
/// API calls pass through `guarded(_:_:)`, which checks the bearer token and injects the
/// budget and random faults.
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let organization: SimulatedOrganization
    let state: ServerState
    let clock: any WallClock
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        switch request.uri.path {
        case "/oauth/token":
            state.count { $0.tokenRequests += 1 }
            guard request.method == .post else { return methodNotAllowed(request) }
            return try await token(request)
        case "/api/v2/oauth/clients":
            state.count { $0.clientListRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            if isLive { return try await guarded(request) { liveClientsPage(request) } }
            return try await guarded(request) { clientsPage(request) }
        case "/api/v2/auditlogs" where !isLive:
            state.count { $0.auditLogRequests += 1 }
            guard request.method == .get else { return methodNotAllowed(request) }
            return try await guarded(request) { auditLogPage(request) }
        default:
            if isLive, let response = try await respondLive(to: request) { return response }
            state.count { $0.unknownRequests += 1 }
            return JSONResponse.error(.notFound, code: "not.found", message: "No resource at \(request.uri.path)")
        }
    }

    /// Whether the live dialect is served.
    var isLive: Bool { organization.options.dialect == .live }

    /// Checks the bearer token, then applies the budget and the random faults around `answer`.
    func guarded(_ request: Request, _ answer: () -> (Response, ByteBuffer?)) async throws -> Response {
        guard let token = bearerToken(request), state.isValid(token: token, now: clock.now) else {
            state.count { $0.unauthorized += 1 }
            return JSONResponse.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials.")
        }
        if let forbidden = state.faults.forbiddenPath, request.uri.path.hasPrefix(forbidden) {
            state.count { $0.forbidden += 1 }
            return JSONResponse.error(.forbidden, code: "missing.permissions",
                message: "Unable to perform the requested action. You are missing the following permission(s) for \(request.uri.path).")
        }
        if let budget = state.faults.budgetPerMinute, case .refused(let wait)? = state.admit(now: clock.now) {
            state.count { $0.budgetExceeded += 1 }
            logger.debug("budget exceeded", metadata: ["retryAfter": "\(wait)"])
            return JSONResponse.rateLimited(retryAfter: wait, count: budget + 1, allowed: budget)
        }
        let faults = state.nextFaults()
        if faults.rateLimited {
            state.count { $0.rateLimited += 1 }
            return JSONResponse.rateLimited(retryAfter: 1, count: 301, allowed: 300)
        }
        if let status = faults.serverError {
            state.count { $0.serverErrors += 1 }
            return JSONResponse.error(.init(code: status), code: "simulated.fault", message: "Simulated server error \(status)")
        }
        if faults.slow {
            state.count { $0.slowed += 1 }
            try await clock.sleep(for: state.faults.slowDelay)
        }
        let (response, body) = answer()
        if faults.drop, let body, response.status == .ok {
            state.count { $0.drops += 1 }
            return JSONResponse.dropping(response, body: body)
        }
        return response
    }

    private func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    func methodNotAllowed(_ request: Request) -> Response {
        JSONResponse.error(.methodNotAllowed, code: "method.not.allowed", message: "\(request.method) is not allowed on \(request.uri.path)")
    }
}
