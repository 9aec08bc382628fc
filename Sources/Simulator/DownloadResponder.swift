import Hummingbird

/// Answers the live dialect's download listener: `GET /downloads/{token}`, one results page each.
///
/// The signed token in the path authorises the download, so no bearer token is checked (and no
/// fault injected); a request that carries an `Authorization` header anyway is counted, since
/// a client that forwards its token to a download host leaks it.
struct DownloadResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: ServerState
    let message: LiveAuditMessage

    func respond(to request: Request, context: Context) async throws -> Response {
        let carriesAuthorization = request.headers[.authorization] != nil
        state.count { stats in
            stats.downloadRequests += 1
            if carriesAuthorization { stats.downloadRequestsWithAuthorization += 1 }
        }
        let prefix = "/downloads/"
        let path = request.uri.path
        guard path.hasPrefix(prefix) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No resource at \(path)")
        }
        guard request.method == .get else {
            return JSONResponse.error(.methodNotAllowed, code: "method.not.allowed", message: "\(request.method) is not allowed on \(path)")
        }
        guard let token = DownloadToken(text: String(path.dropFirst(prefix.count)), seed: state.seed),
              let transaction = state.queries.transaction(token.transactionID), transaction.state == .succeeded else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No download at \(path)")
        }
        let page = LiveResultsPage(transaction: transaction, offset: token.offset, pageSize: token.pageSize).render(message)
        state.count { $0.eventsServed += page.events }
        return JSONResponse.make(.ok, body: page.body)
    }
}
