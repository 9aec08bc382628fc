import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A minimal loopback HTTP client for the simulator tests, over `URLSession`.
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

    let baseURL: String
    private let session: URLSession

    init(baseURL: String) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Sends a request and collects the whole answer; `path` may be a whole `http://` URL.
    ///
    /// Redirects are followed (and on Linux with every header, `Authorization` included).
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        let url = try #require(URL(string: path.hasPrefix("http") ? path : baseURL + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
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
