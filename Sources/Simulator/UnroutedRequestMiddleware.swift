import Hummingbird

/// Answers what the router does not route, as the simulated API does: 405 with the API's
/// error body for a path that is served with another method, 404 for any other path.
///
/// Hummingbird's `Router` answers both with a bare 404 of its own, thrown by its not-found
/// responder; this middleware, added to the router before any route, catches it. The router
/// also skips empty path segments (it would route `/api/v2/oauth/clients/` as the client list),
/// while the API serves exact paths only, so a path with an empty segment is answered 404
/// before it is routed.
struct UnroutedRequestMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// Every route the router serves.
    let routes: [SimulatorRoute]
    let state: ServerState
    /// What a request to a path no route serves adds to; `nil` when the listener counts its requests as a whole.
    let unknownCounter: SimulatorRoute.Counter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if !segments.contains(where: \.isEmpty) {
            do {
                return try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                // Not routed: no route has both this path and this method.
            }
            if let route = routes.first(where: { $0.matches(segments) }) {
                if let counter = route.counter { state.count { $0[keyPath: counter] += 1 } }
                return JSONResponse.error(.methodNotAllowed, code: "method.not.allowed", message: "\(request.method) is not allowed on \(path)")
            }
        }
        if let unknownCounter { state.count { $0[keyPath: unknownCounter] += 1 } }
        return JSONResponse.error(.notFound, code: "not.found", message: "No resource at \(path)")
    }
}
