import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PartnerAuditCore

/// Fetches and caches the access token (client credentials grant).
///
/// A refused credential is final and reported without the secret; rate limits and
/// server errors on the token endpoint are retried like any other call.
package actor TokenProvider {
    private let endpoint: SourceEndpoint
    private let credentials: Credentials
    private let redactor: SecretRedactor
    private var token: String?
    /// Tokens fetched so far.
    package private(set) var fetched = 0

    /// - Parameter redactor: learns each token as it is issued, so no error or log line can carry it.
    package init(endpoint: SourceEndpoint, credentials: Credentials, redactor: SecretRedactor) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.redactor = redactor
    }

    /// The current token, fetching one if there is none.
    package func current(send: (HTTPClientRequest, String) async throws -> APIResponse) async throws -> String {
        if let token { return token }
        return try await refresh(send: send)
    }

    /// Drops the current token (after a 401) unless it was already replaced, and fetches a new one.
    package func renew(replacing stale: String, send: (HTTPClientRequest, String) async throws -> APIResponse) async throws -> String {
        if let token, token != stale { return token }
        token = nil
        return try await refresh(send: send)
    }

    private func refresh(send: (HTTPClientRequest, String) async throws -> APIResponse) async throws -> String {
        let label = "POST \(endpoint.loginURL)/oauth/token"
        var request = HTTPClientRequest(url: endpoint.loginURL + "/oauth/token")
        request.method = .POST
        let basic = Data("\(credentials.clientID):\(credentials.clientSecret.reveal())".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials"))
        let response = try await send(request, label)
        switch response.status {
        case 200:
            guard let json = try? JSONParser.parse(response.body), let value = json["access_token"]?.nonEmptyString else {
                throw SourceError(.malformedResponse, request: label, message: "no access_token in the answer")
            }
            redactor.register(token: value)
            token = value
            fetched += 1
            return value
        case 400, 401, 403:
            // Redacted on its own, so that a reason withheld whole still leaves the hint after it.
            let reason = redactor.redact((try? JSONParser.parse(response.body))?["error"]?.stringValue ?? "HTTP \(response.status)")
            throw SourceError(.credentialsRefused, request: label,
                message: "\(reason) for client id '\(credentials.clientID)' — check PARTNER_AUDIT_CLIENT_ID / PARTNER_AUDIT_CLIENT_SECRET or the credentials file")
        default:
            throw SourceError(.unexpectedStatus(response.status), request: label, message: redactor.excerpt(of: response.body))
        }
    }
}
