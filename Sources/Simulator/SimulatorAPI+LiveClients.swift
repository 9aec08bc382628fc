import Hummingbird

extension SimulatorAPI {
    /// Whether the live listing leaves out the `authorizedGrantType` of the client at `index`: every 7th, from the 4th.
    static func listingOmitsGrantType(at index: Int) -> Bool { index % 7 == 3 }

    /// `GET /api/v2/oauth/clients?pageSize&pageNumber` (live): the clients, paged, with `nextUri`.
    func liveClientsPage(_ request: Request) -> Response {
        numberedPage(request, of: organization.clients, bytesPerItem: 1024,
                     nextURI: { size, number in "/api/v2/oauth/clients?pageSize=\(size)&pageNumber=\(number)" }) { client, index, writer in
            writeLive(client, listsGrantType: !Self.listingOmitsGrantType(at: index), to: &writer)
        }
    }

    /// `GET /api/v2/oauth/clients/{id}` (live): one client, `authorizedGrantType` always included.
    func liveClient(id: String) -> Response {
        guard let client = organization.clients.first(where: { $0.id == id }) else {
            return JSONResponse.error(.notFound, code: "not.found", message: "No OAuth client with id \(id)")
        }
        var writer = JSONWriter(capacity: 1024)
        writeLive(client, listsGrantType: true, to: &writer)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    private func writeLive(_ client: SimulatedClient, listsGrantType: Bool, to writer: inout JSONWriter) {
        client.writeLive(to: &writer, roleID: organization.liveRoleID(of: client), divisionID: organization.homeDivisionID,
                         admin: organization.administratorID, listsGrantType: listsGrantType)
    }
}
