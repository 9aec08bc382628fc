import Hummingbird
import PartnerAuditCore

/// The live dialect's download listener: `GET /downloads/{token}`, one results page each.
///
/// The signed token in the path authorises the download, so no bearer token is checked (and no
/// fault injected). Every request is counted, and one that carries an `Authorization` header
/// anyway is counted again, since a client that forwards its token to a download host leaks it.
struct DownloadListener: Sendable {
    let state: ServerState
    let message: LiveAuditMessage
    /// Each answer held back this long on `clock` (`--latency-ms`); none when zero.
    var latency: Duration = .zero
    var clock: (any WallClock)?

    /// The listener's router: the one download route, every request counted first.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        if latency > .zero, let clock { router.add(middleware: LatencyMiddleware(latency: latency, clock: clock)) }
        router.add(middleware: RequestCountingMiddleware(
            state: state, counter: \SimulatorStats.downloadRequests, withAuthorization: \SimulatorStats.downloadRequestsWithAuthorization))
        router.add(middleware: UnroutedRequestMiddleware(routes: [.download], state: state, unknownCounter: nil))
        router.serve(.download, state: state) { request, context in
            download(token: try context.parameters.require("token"), path: request.uri.path)
        }
        return router
    }

    /// The results page a download token names, as a JSON array of messages dated by `eventTime`; 404 for a token this server did not sign or a
    /// transaction that has not succeeded.
    func download(token text: String, path: String) -> Response {
        guard let token = DownloadToken(text: text, seed: state.seed),
              let transaction = state.queries.transaction(token.transactionID), transaction.state == .succeeded else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No download at \(path)")
        }
        let page = LiveResultsPage(transaction: transaction, offset: token.offset, pageSize: token.pageSize).renderDownload(message)
        state.count { $0.eventsServed += page.events }
        return JSONResponse.make(.ok, body: page.body)
    }
}
