import Hummingbird

extension SimulatorResponder {
    /// Whether the live listing leaves out the `authorizedGrantType` of the client at `index`: every 7th, from the 4th.
    static func listingOmitsGrantType(at index: Int) -> Bool { index % 7 == 3 }

    /// `GET /api/v2/oauth/clients?pageSize&pageNumber` (live): the clients, paged, with `nextUri`.
    func liveClientsPage(_ request: Request) -> (Response, ByteBuffer?) {
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
        let end = min(first + pageSize, clients.count)
        let pageCount = (clients.count + pageSize - 1) / pageSize
        var writer = JSONWriter(capacity: 1024 * (end - first + 1))
        writer.raw(#"{"entities":["#)
        var isFirst = true
        for index in first..<end {
            writer.comma(&isFirst)
            writeLive(clients[index], listsGrantType: !Self.listingOmitsGrantType(at: index), to: &writer)
        }
        writer.raw(#"],"pageSize":"#); writer.int(pageSize)
        writer.raw(#","pageNumber":"#); writer.int(pageNumber)
        writer.raw(#","total":"#); writer.int(clients.count)
        writer.raw(#","pageCount":"#); writer.int(pageCount)
        writer.raw(#","nextUri":"#)
        if pageNumber < pageCount {
            writer.raw(#""/api/v2/oauth/clients?pageSize="#); writer.int(pageSize)
            writer.raw("&pageNumber="); writer.int(pageNumber + 1); writer.raw("\"")
        } else {
            writer.raw("null")
        }
        writer.raw("}")
        let body = writer.buffer
        return (JSONResponse.make(.ok, body: body), body)
    }

    /// `GET /api/v2/oauth/clients/{id}` (live): one client, `authorizedGrantType` always included.
    func liveClient(id: String) -> (Response, ByteBuffer?) {
        guard let client = organization.clients.first(where: { $0.id == id }) else {
            return (JSONResponse.error(.notFound, code: "not.found", message: "No OAuth client with id \(id)"), nil)
        }
        var writer = JSONWriter(capacity: 1024)
        writeLive(client, listsGrantType: true, to: &writer)
        let body = writer.buffer
        return (JSONResponse.make(.ok, body: body), body)
    }

    private func writeLive(_ client: SimulatedClient, listsGrantType: Bool, to writer: inout JSONWriter) {
        client.writeLive(to: &writer, roleID: organization.liveRoleID(of: client), divisionID: organization.homeDivisionID,
                         admin: organization.administratorID, listsGrantType: listsGrantType)
    }
}
