import Hummingbird
import PartnerAuditCore

extension SimulatorAPI {
    /// `POST /api/v2/audits/query` (live): accepts a query and answers its transaction, `Queued`.
    ///
    /// 400 when the body is not JSON, the interval is malformed, ends at or before its start,
    /// or spans more than 31 days. The transaction sees the log as it is now.
    func submitQuery(body: [UInt8]) -> Response {
        let query: AuditQueryRequest
        do throws(QueryParameters.Invalid) {
            query = try AuditQueryRequest(body: body)
        } catch {
            state.count { $0.badRequests += 1 }
            return JSONResponse.error(.badRequest, code: "bad.request", message: error.description)
        }
        let now = Timestamp.milliseconds(clock.now)
        let window = AuditLogWindow(from: query.from, to: query.to, now: now, filter: query.filter)
        let readyAt = now + Int64((organization.options.querySeconds * 1000).rounded())
        let transaction = state.queries.submit(window: window, snapshot: organization.snapshot(), readyAt: readyAt)
        state.count { $0.queriesSubmitted += 1 }
        var writer = JSONWriter(capacity: 256)
        Self.writeStatus(transaction, to: &writer, closing: false)
        writer.raw(#","sort":[{"name":"Timestamp","sortOrder":"ascending"}]}"#)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `GET /api/v2/audits/query/{transactionId}` (live): the transaction's state after one more poll.
    ///
    /// `Queued`, then `Running`, then `Succeeded` (or `Failed` for the server's second
    /// transaction) from the third poll on once `SimulatorOptions.querySeconds` have passed since
    /// it was submitted; 404 for an unknown id.
    func pollQuery(id: String) -> Response {
        guard let transaction = state.queries.poll(id, now: Timestamp.milliseconds(clock.now)) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No audit query transaction \(id)")
        }
        state.count { stats in
            stats.queryPolls += 1
            if transaction.state == .failed, transaction.polls == 3 { stats.failedTransactions += 1 }
        }
        var writer = JSONWriter(capacity: 256)
        Self.writeStatus(transaction, to: &writer, closing: true)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `{"id","state","startDate","interval"` and, when `closing`, `}`.
    private static func writeStatus(_ transaction: AuditTransaction, to writer: inout JSONWriter, closing: Bool) {
        writer.raw("{"); writer.key("id"); writer.plainString(transaction.id)
        writer.raw(","); writer.key("state"); writer.plainString(transaction.state.rawValue)
        writer.raw(","); writer.key("startDate"); writer.plainString(transaction.startDate)
        writer.raw(","); writer.key("interval"); writer.plainString(transaction.interval)
        if closing { writer.raw("}") }
    }
}
