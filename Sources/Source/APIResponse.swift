import NIOHTTP1

/// One HTTP answer from the source, its body read whole (a page is bounded by `pageSize`).
package struct APIResponse: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    /// The `Retry-After` header in seconds, when present and numeric.
    package var retryAfter: Duration? {
        guard let text = headers.first(name: "Retry-After"), let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return nil
        }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The body as text, cut short, for error messages.
    package var bodyExcerpt: String {
        String(decoding: body.prefix(200), as: UTF8.self)
    }
}
