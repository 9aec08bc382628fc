import Hummingbird

extension SimulatorAPI {
    /// What answers a route: the request, and the context holding its path parameters.
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The largest audit-query body read.
    static let maximumQueryBody = 64 * 1024

    /// The router of the API listener, for the dialect served.
    ///
    /// With `latencyMilliseconds`, every answer is held back that long first (`LatencyMiddleware`).
    /// `POST /oauth/token` is answered as it comes; every other route passes the bearer-token
    /// check, the `forbid=` fault, the budget and the random faults first. Every request adds
    /// to its route's counter before any of them; a path no route serves answers 404, a
    /// served path asked with another method 405 (`UnroutedRequestMiddleware`).
    func router() -> Router<BasicRequestContext> {
        let routes = isLive ? liveRoutes : guideRoutes
        let router = Router()
        if organization.options.latencyMilliseconds > 0 {
            router.add(middleware: LatencyMiddleware(latency: .milliseconds(organization.options.latencyMilliseconds), clock: clock))
        }
        router.add(middleware: UnroutedRequestMiddleware(
            routes: [.token] + routes.map(\.route), state: state, unknownCounter: \SimulatorStats.unknownRequests))
        router.serve(.token, state: state) { request, _ in try await token(request) }
        let guards: [any MiddlewareProtocol<Request, Response, BasicRequestContext>] = [
            BearerTokenMiddleware(state: state, clock: clock),
            ForbiddenPathMiddleware(state: state),
            RequestBudgetMiddleware(state: state, clock: clock, logger: logger),
            RandomFaultMiddleware(state: state, clock: clock),
        ]
        for (route, handler) in routes {
            router.serve(route, state: state, through: guards, handler)
        }
        return router
    }

    /// The guide dialect's API routes (source-api.md sections 1–3): the clients and the audit log.
    private var guideRoutes: [(route: SimulatorRoute, handler: Handler)] {
        [
            (.clients, { request, _ in clientsPage(request) }),
            (.auditLogs, { request, _ in auditLogPage(request) }),
        ]
    }

    /// The live dialect's API routes (section 4): the clients, one by id, the roles, the two
    /// allowlist endpoints, the audit query's submission, poll, results and service mapping, the
    /// API Usage query's submission and results (section 5), and the two known-grant registries.
    private var liveRoutes: [(route: SimulatorRoute, handler: Handler)] {
        [
            (.clients, { _, _ in liveClientListing() }),
            (.client, { _, context in liveClient(id: try context.parameters.require("id")) }),
            (.roles, { request, _ in rolesPage(request) }),
            (.authenticationSettings, { _, _ in authenticationSettings() }),
            (.ipAddressAuthentication, { _, _ in ipAddressAuthentication() }),
            (.submitQuery, { request, _ in
                var request = request
                return submitQuery(body: Array(buffer: try await request.collectBody(upTo: Self.maximumQueryBody)))
            }),
            (.pollQuery, { _, context in pollQuery(id: try context.parameters.require("transactionId")) }),
            (.queryResults, { request, context in
                queryResults(id: try context.parameters.require("transactionId"), request)
            }),
            (.submitUsageQuery, { request, _ in
                var request = request
                return submitUsageQuery(body: Array(buffer: try await request.collectBody(upTo: Self.maximumQueryBody)))
            }),
            (.usageResults, { _, context in usageResults(id: try context.parameters.require("executionId")) }),
            (.scopes, { _, _ in scopeListing() }),
            (.permissions, { request, _ in permissionsPage(request) }),
            (.serviceMapping, { _, _ in serviceMapping() }),
        ]
    }
}
