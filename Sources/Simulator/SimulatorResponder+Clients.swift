import Hummingbird

extension SimulatorResponder {
    /// `GET /api/v2/oauth/clients?pageSize&pageNumber`: the clients, paged.
    ///
    /// With `organizationWideAllowlist`, every client is served with the organisation's allowlist.
    func clientsPage(_ request: Request) -> (Response, ByteBuffer?) {
        let query = QueryParameters(request)
        let pageSize: Int, pageNumber: Int
        do {
            pageSize = try query.integer("pageSize", default: 25, in: 1...500)
            pageNumber = try query.integer("pageNumber", default: 1, in: 1...Int(Int32.max))
        } catch {
            state.count { $0.badRequests += 1 }
            return (JSONResponse.error(.badRequest, code: "bad.request", message: error.description), nil)
        }
        let clients = organization.clients
        let first = min((pageNumber - 1).multipliedReportingOverflow(by: pageSize).partialValue, clients.count)
        let page = clients[first..<min(first + pageSize, clients.count)]
        var writer = JSONWriter(capacity: 1024 * (page.count + 1))
        writer.raw(#"{"entities":["#)
        var isFirst = true
        let wide = organization.options.servesOrganizationAllowlist
        for client in page {
            writer.comma(&isFirst)
            if wide {
                var served = client
                served.ipWhitelist = organization.organizationAllowlist
                served.write(to: &writer)
            } else {
                client.write(to: &writer)
            }
        }
        writer.raw(#"],"pageSize":"#); writer.int(pageSize)
        writer.raw(#","pageNumber":"#); writer.int(pageNumber)
        writer.raw(#","total":"#); writer.int(clients.count)
        writer.raw(#","pageCount":"#); writer.int((clients.count + pageSize - 1) / pageSize)
        writer.raw("}")
        let body = writer.buffer
        return (JSONResponse.make(.ok, body: body), body)
    }
}
