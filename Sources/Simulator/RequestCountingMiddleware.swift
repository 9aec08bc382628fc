import Hummingbird

/// Counts every request that passes it in one counter of `SimulatorStats`, and those that carry
/// an `Authorization` header in a second one when given.
struct RequestCountingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: ServerState
    let counter: SimulatorRoute.Counter
    /// Also counts the requests that carry an `Authorization` header (a client leaking its token to a download host).
    var withAuthorization: SimulatorRoute.Counter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let carriesAuthorization = request.headers[.authorization] != nil
        state.count { stats in
            stats[keyPath: counter] += 1
            if carriesAuthorization, let withAuthorization { stats[keyPath: withAuthorization] += 1 }
        }
        return try await next(request, context)
    }
}
