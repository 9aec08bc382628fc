import Hummingbird

extension SimulatorAPI {
    /// `GET /api/v2/oauth/clients?pageSize&pageNumber`: the clients, paged.
    ///
    /// With `organizationWideAllowlist`, every client is served with the organisation's allowlist.
    func clientsPage(_ request: Request) -> Response {
        let wide = organization.options.servesOrganizationAllowlist
        let allowlist = wide ? organization.organizationAllowlist : nil
        return numberedPage(request, of: organization.clients, bytesPerItem: 1024) { client, _, writer in
            guard let allowlist else { return client.write(to: &writer) }
            var served = client
            served.ipWhitelist = allowlist
            served.write(to: &writer)
        }
    }
}
