import Hummingbird

extension Router where Context == BasicRequestContext {
    /// Serves `route` with `handler`: each request adds to the route's counter, then passes
    /// `middleware` in order.
    ///
    /// ```swift
    /// router.serve(.clients, state: state, through: [BearerTokenMiddleware(state: state, clock: clock)]) { request, _ in
    ///     api.clientsPage(request)
    /// }
    /// ```
    func serve(
        _ route: SimulatorRoute, state: ServerState, through middleware: [any MiddlewareProtocol<Request, Response, Context>] = [],
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        let group = self.group()
        if let counter = route.counter {
            group.add(middleware: RequestCountingMiddleware(state: state, counter: counter))
        }
        for each in middleware {
            group.add(middleware: each)
        }
        group.on(route.path, method: route.method, use: handler)
    }
}
