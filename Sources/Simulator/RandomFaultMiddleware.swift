import Hummingbird
import PartnerAuditCore

/// The random faults of the `429=`, `5xx=`, `slow=` and `drop=` rates, drawn for each request
/// from the seed and the request's sequence number (`FaultDecision`).
///
/// A 429 or a 5xx answers instead of the route; a slow request sleeps on the injected clock
/// first; a dropped one has its 200 body cut off mid-way, so the client sees the connection break.
struct RandomFaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: ServerState
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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
        let response = try await next(request, context)
        guard faults.drop, response.status == .ok else { return response }
        state.count { $0.drops += 1 }
        return JSONResponse.dropping(response)
    }
}
