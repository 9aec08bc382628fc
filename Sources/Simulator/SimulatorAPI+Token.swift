import Foundation
import Hummingbird

extension SimulatorAPI {
    /// `POST /oauth/token`: the client-credentials grant, for the configured credentials only.
    func token(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let (id, secret) = basicCredentials(request),
              id == organization.options.clientID, secret == organization.options.clientSecret else {
            state.count { $0.unauthorized += 1 }
            logger.debug("token refused: bad client credentials")
            return JSONResponse.tokenError(.unauthorized, error: "invalid_client",
                                           description: "Client authentication failed: unknown client or wrong secret.")
        }
        let form = String(buffer: body).split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        let grant = form.first { $0.first == "grant_type" }.flatMap { $0.count > 1 ? $0[1] : nil }
        guard grant == "client_credentials" else {
            state.count { $0.badRequests += 1 }
            return JSONResponse.tokenError(.badRequest, error: "unsupported_grant_type",
                                           description: "Only grant_type=client_credentials is supported.")
        }
        let token = state.issueToken(now: clock.now)
        var writer = JSONWriter(capacity: 128)
        writer.raw("{"); writer.key("access_token"); writer.string(token)
        writer.raw(#","token_type":"bearer","expires_in":"#)
        writer.int(Int(ServerState.tokenLifetime))
        writer.raw("}")
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// The id and secret of a `Basic` authorization header.
    private func basicCredentials(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
