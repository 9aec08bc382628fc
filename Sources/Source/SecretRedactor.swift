import Foundation
import PartnerAuditCore
import Synchronization

/// Removes the client's secrets from every error text before it is logged or stored: the client
/// secret, the Basic credential (`id:secret`) and its base64, and every access token issued.
///
/// A source can echo what it was sent — a token endpoint answering 400 with the secret in its
/// `error`, an API echoing the `Authorization` header in its body. The API client owns one
/// redactor, knows the credentials from the start and adds each token as the token provider
/// receives it; every `SourceError` leaving the Source layer and every log line of the API
/// client passes through it.
package final class SecretRedactor: Sendable {
    /// What a secret is replaced with.
    package static let marker = "[redacted]"
    /// Bytes of a body read for an excerpt: far more than the excerpt, so a secret that straddles
    /// the excerpt's end is still whole when it is redacted, and only then cut.
    private static let excerptWindow = 1 << 20

    private let secrets: Mutex<[String]>

    /// A redactor that knows `credentials`' secret in every form the client sends it.
    package init(credentials: Credentials) {
        let secret = credentials.clientSecret.reveal()
        let basic = "\(credentials.clientID):\(secret)"
        let encoded = Data(basic.utf8).base64EncodedString()
        let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let padding = CharacterSet(charactersIn: "=")
        // As an echo may carry it: percent-encoded (a URL, a form) or JSON-escaped (a body).
        let percentEncoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
        let jsonEscaped = String(JSONValue.string(secret).canonicalText.dropFirst().dropLast())
        secrets = Mutex(Self.ordered([
            secret, basic, percentEncoded, jsonEscaped, jsonEscaped.replacingOccurrences(of: "/", with: "\\/"),
            encoded, urlSafe, encoded.trimmingCharacters(in: padding), urlSafe.trimmingCharacters(in: padding),
        ]))
    }

    /// Adds an access token the source issued.
    package func register(token: String) {
        secrets.withLock { $0 = Self.ordered($0 + [token]) }
    }

    /// `text` with every known secret replaced by the marker, then cut to `ErrorText.maxLength`.
    package func redact(_ text: String) -> String {
        ErrorText.capped(secrets.withLock { secrets in
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.marker) }
        })
    }

    /// The error with its request and message redacted.
    package func redact(_ error: SourceError) -> SourceError {
        SourceError(error.code, request: redact(error.request), message: redact(error.message))
    }

    /// The start of a body as text, for an error message: redacted first, then cut to `limit` characters.
    package func excerpt(of body: [UInt8], limit: Int = 200) -> String {
        let text = redact(String(decoding: body.prefix(Self.excerptWindow), as: UTF8.self))
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// Longest first, so a secret that contains another (the Basic value contains the secret) is
    /// replaced whole; empty strings dropped.
    private static func ordered(_ secrets: [String]) -> [String] {
        Array(Set(secrets.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }
}
