import Hummingbird
import Logging
import PartnerAuditCore

/// The `budget=N/min` fault: a strict sliding window over the last 60 s of API requests; over
/// it, 429 with the true `Retry-After` and the `inin-ratelimit-*` headers.
struct RequestBudgetMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: ServerState
    let clock: any WallClock
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let budget = state.faults.budgetPerMinute, case .refused(let wait)? = state.admit(now: clock.now) else {
            return try await next(request, context)
        }
        state.count { $0.budgetExceeded += 1 }
        logger.debug("budget exceeded", metadata: ["retryAfter": "\(wait)"])
        return JSONResponse.rateLimited(retryAfter: wait, count: budget + 1, allowed: budget)
    }
}
