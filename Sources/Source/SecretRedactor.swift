import Foundation
import PartnerAuditCore
import Synchronization

/// Removes the client's secrets from every error text before it is logged or stored: the client
/// secret, the Basic credential (`id:secret`) and its base64, and every access token issued —
/// in any letter case and however an echo escaped them.
///
/// Two passes. `EchoRedaction` first cuts out each spelling it can follow byte by byte (the
/// value as sent, its base64, any letter case, URL, form, JSON and numeric HTML escapes of
/// ASCII), so the rest of the message stays readable. `EchoDetection` then decodes what is
/// left — HTML named references, escaped letters beyond ASCII, another Unicode normal form,
/// percent-encoding twice, hex, base64 inside a longer text — and, if a credential is still in
/// it, the whole text is withheld (`withheld`): a spelling that cannot be cut out exactly is
/// not shown at all.
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
    /// What a whole text is replaced with when it still carries a credential in a spelling the
    /// exact pass could not cut out.
    package static let withheld = "[server message withheld: it echoed a credential]"
    /// Bytes of a body read for an excerpt: far more than the excerpt, so a secret that straddles
    /// the excerpt's end is still whole when it is redacted, and only then cut.
    private static let excerptWindow = 1 << 20

    /// What is known: the spellings the exact pass cuts out, and the values the decoding pass looks for.
    private struct Known {
        var spellings: [String] = []
        var detection = EchoDetection()

        mutating func add(_ value: String) {
            spellings = SecretRedactor.ordered(spellings + SecretRedactor.forms(of: value))
            detection.add(value)
        }
    }

    private let known: Mutex<Known>

    /// A redactor that knows `credentials`' secret in every form the client sends it.
    package init(credentials: Credentials) {
        let secret = credentials.clientSecret.reveal()
        var known = Known()
        known.add(secret)
        known.add("\(credentials.clientID):\(secret)")
        // The Basic value's own UTF-16 bytes too: what it decodes to is looked for, but in UTF-16
        // its base64 is no base64 run to decode (Python's repr of `value.encode('utf-16-le')`).
        known.detection.addUTF16(Data("\(credentials.clientID):\(secret)".utf8).base64EncodedString())
        self.known = Mutex(known)
    }

    /// Adds an access token the source issued.
    package func register(token: String) {
        known.withLock { $0.add(token) }
    }

    /// `text` with every known secret replaced by the marker — or, when a secret is still in
    /// it in a spelling the marker could not replace exactly, `withheld` instead of the whole
    /// text — then cut to `ErrorText.maxLength`.
    package func redact(_ text: String) -> String {
        ErrorText.capped(known.withLock { known in
            let redacted = EchoRedaction.redact(known.spellings, in: text, marker: Self.marker)
            return known.detection.finds(in: redacted) ? Self.withheld : redacted
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

    /// The forms an echo may carry `value` in: as sent, and in base64 (standard or URL-safe,
    /// padded or not); a value with letters beyond ASCII also lower- and upper-cased whole.
    /// Letter case and escapes (`%2F`, `\/`, `&#47;` …) are matched apart (`EchoRedaction`);
    /// other spellings are found by decoding (`EchoDetection`).
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
