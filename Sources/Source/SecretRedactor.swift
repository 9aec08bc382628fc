import Foundation
import PartnerAuditCore
import Synchronization

/// Removes the client's secrets from every error text before it is logged or stored: the client
/// secret, the Basic credential (`id:secret`) and its base64, and every access token issued —
/// in any letter case and however an echo escaped them.
///
/// A source can echo what it was sent — a token endpoint answering 400 with the secret in its
/// `error`, an API echoing the `Authorization` header in its body, perhaps lower-cased,
/// URL-encoded or JSON-escaped on the way. The API client owns one redactor, knows the
/// credentials from the start and adds each token as the token provider receives it; every
/// `SourceError` leaving the Source layer and every log line of the API client passes through it.
///
/// ```swift
/// let redactor = SecretRedactor(credentials: Credentials(clientID: "id", clientSecret: Secret("Sup3r-Secret")))
/// redactor.redact("you sent sup3r-secret")  // "you sent [redacted]"
/// ```
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
        secrets = Mutex(Self.ordered(Self.forms(of: secret) + Self.forms(of: basic)))
    }

    /// Adds an access token the source issued.
    package func register(token: String) {
        secrets.withLock { $0 = Self.ordered($0 + Self.forms(of: token)) }
    }

    /// `text` with every known secret replaced by the marker, then cut to `ErrorText.maxLength`.
    package func redact(_ text: String) -> String {
        ErrorText.capped(secrets.withLock { EchoRedaction.redact($0, in: text, marker: Self.marker) })
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

    /// The forms an echo may carry `value` in: as sent, and in base64 (standard or URL-safe,
    /// padded or not); a value with letters beyond ASCII also lower- and upper-cased whole.
    /// Letter case and escapes (`%2F`, `\/`, `&#47;` …) are matched apart (`EchoRedaction`).
    static func forms(of value: String) -> [String] {
        let encoded = Data(value.utf8).base64EncodedString()
        let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let padding = CharacterSet(charactersIn: "=")
        var forms = [value, encoded, urlSafe, encoded.trimmingCharacters(in: padding), urlSafe.trimmingCharacters(in: padding)]
        if !value.utf8.allSatisfy({ $0 < 0x80 }) { forms += [value.lowercased(), value.uppercased()] }
        return forms
    }

    /// Longest first, so a secret that contains another (the Basic value contains the secret) is
    /// replaced whole; empty strings dropped.
    private static func ordered(_ secrets: [String]) -> [String] {
        Array(Set(secrets.filter { !$0.isEmpty })).sorted { $0.utf8.count > $1.utf8.count }
    }
}
