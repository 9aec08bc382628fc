import Hummingbird
import PartnerAuditCore

extension SimulatorAPI {
    /// `POST /api/v2/usage/query` (live): counts the organisation's partner calls in the interval
    /// as they are visible now, and answers `{executionId, resultsUri}`.
    ///
    /// 400 when the body is not JSON, the interval is malformed, empty or longer than a year, or
    /// the granularity is not `Day`.
    func submitUsageQuery(body: [UInt8]) -> Response {
        let query: UsageQueryRequest
        do throws(QueryParameters.Invalid) {
            query = try UsageQueryRequest(body: body)
        } catch {
            state.count { $0.badRequests += 1 }
            return JSONResponse.error(.badRequest, code: "bad.request", message: error.description)
        }
        let rows = organization.usageRows(
            from: Timestamp.date(milliseconds: query.from), to: Timestamp.date(milliseconds: query.to), visibleAt: clock.now)
        let id = state.usageQueries.submit(rows)
        state.count { $0.usageQueriesSubmitted += 1 }
        var writer = JSONWriter(capacity: 160)
        writer.raw("{"); writer.key("executionId"); writer.plainString(id)
        writer.raw(","); writer.key("resultsUri"); writer.plainString("/api/v2/usage/query/\(id)/results")
        writer.raw("}")
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `GET /api/v2/usage/query/{executionId}/results` (live): `{"queryStatus": "Running"}` at the
    /// first poll, then `{"results": [ApiUsageRow…], "queryStatus": "Complete"}`; 404 for an unknown id.
    func usageResults(id: String) -> Response {
        guard let execution = state.usageQueries.poll(id) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No usage query execution \(id)")
        }
        guard execution.isComplete else {
            state.count { $0.usagePollsRunning += 1 }
            var writer = JSONWriter(capacity: 32)
            writer.raw(#"{"queryStatus":"Running"}"#)
            return JSONResponse.make(.ok, body: writer.buffer)
        }
        var writer = JSONWriter(capacity: 256 + execution.rows.count * 300)
        writer.raw(#"{"results":["#)
        var first = true
        for row in execution.rows {
            writer.comma(&first)
            Self.write(row, to: &writer)
        }
        writer.raw(#"],"queryStatus":"Complete"}"#)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// One `ApiUsageRow`, its fields as the vendor's examples order them.
    private static func write(_ row: APIUsageRow, to writer: inout JSONWriter) {
        let f = row.figures
        writer.raw("{"); writer.key("clientId"); writer.plainString(row.clientID)
        writer.raw(","); writer.key("clientName"); writer.string(row.clientName)
        writer.raw(#","organizationId":"","userId":"""#)
        writer.raw(","); writer.key("templateUri"); writer.string(row.templateURI)
        writer.raw(","); writer.key("httpMethod"); writer.plainString(row.method)
        writer.raw(","); writer.key("status200"); writer.int(f.status200)
        writer.raw(","); writer.key("status300"); writer.int(f.status300)
        writer.raw(","); writer.key("status400"); writer.int(f.status400)
        writer.raw(","); writer.key("status500"); writer.int(f.status500)
        writer.raw(","); writer.key("status429"); writer.int(f.status429)
        writer.raw(","); writer.key("requests"); writer.int(f.requests)
        writer.raw(","); writer.key("date"); writer.plainString(row.day + "T00:00:00Z")
        writer.raw("}")
    }
}
