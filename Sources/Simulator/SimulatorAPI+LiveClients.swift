import Hummingbird

extension SimulatorAPI {
    /// `GET /api/v2/oauth/clients` (live): every client in one `OAuthClientEntityListing`.
    ///
    /// The endpoint takes no query parameters (any given are ignored, as the platform does); the
    /// paging fields say one page.
    func liveClientListing() -> Response {
        let clients = organization.clients
        var writer = JSONWriter(capacity: 1024 * (clients.count + 1))
        writer.raw(#"{"entities":["#)
        var isFirst = true
        let everyDivision = organization.everyDivisionClientID
        for (index, client) in clients.enumerated() {
            writer.comma(&isFirst)
            client.writeLive(to: &writer, shape: organization.liveShape(of: client, at: index, inListing: true, everyDivisionClient: everyDivision))
        }
        writer.raw(#"],"pageSize":"#); writer.int(clients.count)
        writer.raw(#","pageNumber":1,"total":"#); writer.int(clients.count)
        writer.raw(#","pageCount":1,"firstUri":"/api/v2/oauth/clients","selfUri":"/api/v2/oauth/clients","lastUri":"/api/v2/oauth/clients"}"#)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `GET /api/v2/oauth/clients/{id}` (live): one client, `authorizedGrantType` always included.
    func liveClient(id: String) -> Response {
        if id == organization.options.clientID {
            var writer = JSONWriter(capacity: 1024)
            organization.writeAuditorClient(role: auditorRole, to: &writer)
            return JSONResponse.make(.ok, body: writer.buffer)
        }
        let clients = organization.clients
        guard let index = clients.firstIndex(where: { $0.id == id }) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No OAuth client with id \(id)")
        }
        var writer = JSONWriter(capacity: 1024)
        clients[index].writeLive(to: &writer, shape: organization.liveShape(of: clients[index], at: index, inListing: false,
                                                                                everyDivisionClient: organization.everyDivisionClientID))
        return JSONResponse.make(.ok, body: writer.buffer)
    }
}
