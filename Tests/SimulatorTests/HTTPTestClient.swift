import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The simulator tests' loopback HTTP client, over AsyncHTTPClient with redirects disallowed:
/// a `303 See Other` is itself the answer, and a redirected page is fetched by asking its `location`.
struct HTTPTestClient {
    /// One answer: status, headers (lowercased names) and body.
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data

        /// The body parsed as a JSON object.
        func json() throws -> [String: Any] {
            let value = try JSONSerialization.jsonObject(with: body)
            return try #require(value as? [String: Any], "body is not a JSON object: \(String(decoding: body, as: UTF8.self))")
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The largest body collected.
    static let maximumBody = 64 * 1024 * 1024

    /// The one HTTP client of the test process: never shut down, like `HTTPClient.shared`, but
    /// not following redirects, and failing at once on a refused connection (a stopped server).
    static let transport: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    let baseURL: String

    /// Sends a request and collects the whole answer; `path` may be a whole `http://` URL.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.transport.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: Self.maximumBody)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: fields, body: Data(collected.readableBytesView))
    }

    /// Asks the token endpoint with Basic credentials.
    func token(id: String, secret: String) async throws -> Answer {
        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        return try await send("POST", "/oauth/token", headers: [
            "Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded",
        ], body: Data("grant_type=client_credentials".utf8))
    }

    /// A bearer token for the default demo credentials.
    func bearer(id: String = "demo-extractor", secret: String = "demo-secret") async throws -> String {
        let answer = try await token(id: id, secret: secret)
        #expect(answer.status == 200)
        return try #require(try answer.json()["access_token"] as? String)
    }

    /// A GET with a bearer token.
    func get(_ path: String, token: String) async throws -> Answer {
        try await send("GET", path, headers: ["Authorization": "Bearer \(token)"])
    }
}
