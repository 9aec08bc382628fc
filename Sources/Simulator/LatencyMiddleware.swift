import Hummingbird
import PartnerAuditCore

/// `--latency-ms`: every answer held back for the same time on the server's clock, as a real
/// platform's answers take hundreds of milliseconds; the request itself is served (and counted
/// against the budget) when it arrives.
struct LatencyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let latency: Duration
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        try await clock.sleep(for: latency)
        return response
    }
}
