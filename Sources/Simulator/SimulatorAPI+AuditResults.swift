import Hummingbird

extension SimulatorAPI {
    /// How often a results page is redirected when the client allows it: one in `redirectOneIn`.
    static let redirectOneIn: UInt64 = 7

    /// `GET /api/v2/audits/query/{transactionId}/results?cursor&pageSize&allowRedirect` (live).
    ///
    /// 404 for an unknown transaction; 400 before it has `Succeeded`, after it `Failed`, or for
    /// a cursor this server did not write for it. With `allowRedirect=true`, a seeded one page
    /// in seven, and the first page after the first of every transaction that has not been
    /// redirected yet, is a large page instead: `302` with the next `cursor` and a `downloadUrl`
    /// on the download listener, which serves the page's messages as a JSON array.
    func queryResults(id: String, _ request: Request) -> Response {
        guard let transaction = state.queries.transaction(id) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No audit query transaction \(id)")
        }
        switch transaction.state {
        case .succeeded: break
        case .failed: return badRequest("the query failed; submit it again")
        case .queued, .running: return badRequest("the query has not finished: poll it until its state is Succeeded")
        }
        let query = QueryParameters(request)
        let pageSize: Int
        do { pageSize = try query.integer("pageSize", default: 100, in: 1...500) } catch {
            return badRequest(error.description)
        }
        var offset = 0
        if let text = query.text("cursor") {
            let total = transaction.snapshot.select(transaction.window).total
            guard let cursor = ResultsCursor(text: text), cursor.transactionID == id, cursor.offset < total else {
                return badRequest("the cursor is not one this query returned")
            }
            offset = cursor.offset
        }
        if query.text("allowRedirect")?.lowercased() == "true", let port = state.downloadPort,
           SeededHash.hash(state.seed, 103, SeededHash.text(id) ^ UInt64(offset)) % Self.redirectOneIn == 0
            || (offset > 0 && !transaction.redirected) {
            state.queries.noteRedirect(id)
            state.count { $0.redirectsServed += 1 }
            let token = DownloadToken(transactionID: id, offset: offset, pageSize: pageSize).text(seed: state.seed)
            let page = LiveResultsPage(transaction: transaction, offset: offset, pageSize: pageSize)
            return JSONResponse.largeResults(id: id, pageSize: pageSize, cursor: page.nextCursor?.text,
                                             downloadURL: "http://127.0.0.1:\(port)/downloads/\(token)")
        }
        let page = LiveResultsPage(transaction: transaction, offset: offset, pageSize: pageSize).render(liveMessage)
        state.count { stats in
            stats.resultPages += 1
            stats.eventsServed += page.events
        }
        return JSONResponse.make(.ok, body: page.body)
    }

    /// How this organisation's events are written as live messages.
    var liveMessage: LiveAuditMessage {
        LiveAuditMessage(seed: organization.options.seed, organizationID: organization.organizationID,
                         webAppClientID: organization.webAppClientID)
    }

    private func badRequest(_ message: String) -> Response {
        state.count { $0.badRequests += 1 }
        return JSONResponse.error(.badRequest, code: "bad.request", message: message)
    }
}
