import HTTPTypes
import Hummingbird

/// Builds the simulator's JSON responses: bodies, API errors, token errors, rate limits, redirects, broken bodies.
enum JSONResponse {
    /// A JSON body with a status and extra headers.
    static func make(_ status: HTTPResponse.Status, body: ByteBuffer, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }

    /// An API error in the platform's shape: `{"status", "code", "message"}`.
    static func error(_ status: HTTPResponse.Status, code: String, message: String, headers: [(String, String)] = []) -> Response {
        var writer = JSONWriter(capacity: 128)
        writer.raw("{"); writer.key("status"); writer.int(status.code)
        writer.raw(","); writer.key("code"); writer.string(code)
        writer.raw(","); writer.key("message"); writer.string(message)
        writer.raw("}")
        return make(status, body: writer.buffer, headers: headers)
    }

    /// A token-endpoint error: `{"error", "description"}`. Never carries the presented secret.
    static func tokenError(_ status: HTTPResponse.Status, error: String, description: String) -> Response {
        var writer = JSONWriter(capacity: 128)
        writer.raw("{"); writer.key("error"); writer.string(error)
        writer.raw(","); writer.key("description"); writer.string(description)
        writer.raw("}")
        return make(status, body: writer.buffer)
    }

    /// A 429 with `Retry-After` and the `inin-ratelimit-*` headers.
    static func rateLimited(retryAfter: Int, count: Int, allowed: Int) -> Response {
        error(.tooManyRequests, code: "too.many.requests", message: "Rate limit exceeded the maximum. Retry the request in [\(retryAfter)] seconds", headers: [
            ("Retry-After", String(retryAfter)),
            ("inin-ratelimit-count", String(count)),
            ("inin-ratelimit-allowed", String(allowed)),
            ("inin-ratelimit-reset", String(retryAfter)),
        ])
    }

    /// A large results page (`AuditQueryExecutionLargeResultsResponse`): `302 Found` whose body
    /// is `{"id", "pageSize", "cursor"?, "downloadUrl"}`, the URL also in `Location`.
    static func largeResults(id: String, pageSize: Int, cursor: String?, downloadURL: String) -> Response {
        var writer = JSONWriter(capacity: 256)
        writer.raw("{"); writer.key("id"); writer.plainString(id)
        writer.raw(","); writer.key("pageSize"); writer.int(pageSize)
        if let cursor {
            writer.raw(","); writer.key("cursor"); writer.plainString(cursor)
        }
        writer.raw(","); writer.key("downloadUrl"); writer.string(downloadURL)
        writer.raw("}")
        return make(.found, body: writer.buffer, headers: [("Location", downloadURL)])
    }

    /// `response` with its body cut after about half its bytes: the head and those bytes are sent,
    /// then the write fails and the connection dies mid-body.
    static func dropping(_ response: Response) -> Response {
        let body = response.body
        let full = body.contentLength ?? 0
        var dropped = response
        dropped.body = ResponseBody(contentLength: full) { writer in
            try await body.write(CuttingBodyWriter(parent: writer, remaining: max(1, full / 2)))
        }
        return dropped
    }
}
