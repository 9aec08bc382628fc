import Foundation
import PartnerAuditCore
import Source
import Testing

@Suite("The secret redactor: the secret, the Basic value and every token, in whatever case or encoding an echo carries them")
struct SecretRedactorTests {
    static let clientID = "partner-audit-extractor"
    static let secret = "Sup3r-Secret/Value+Kp9Zq"
    static let token = "Issued-Token-AbCdEf123456"
    static var basic: String { "\(clientID):\(secret)" }
    static var basic64: String { Data(basic.utf8).base64EncodedString() }

    private func redactor() -> SecretRedactor {
        let redactor = SecretRedactor(credentials: Credentials(clientID: Self.clientID, clientSecret: Secret(Self.secret)))
        redactor.register(token: Self.token)
        return redactor
    }

    /// Whether any letter-case form of a needle's distinctive middle survives in `text`.
    private func leaks(_ text: String) -> [String] {
        let lowered = text.lowercased()
        return ["sup3r-secret", "value+kp9zq", "value%2bkp9zq", "abcdef123456", String(Self.basic64.lowercased().prefix(20))]
            .filter { lowered.contains($0) }
    }

    @Test("A case-changed echo is redacted", arguments: [
        SecretRedactorTests.secret.lowercased(), SecretRedactorTests.secret.uppercased(), "sUP3R-sECRET/vALUE+kP9zQ",
        SecretRedactorTests.token.lowercased(), SecretRedactorTests.token.uppercased(),
        "basic \(SecretRedactorTests.basic64.lowercased())", "BEARER \(SecretRedactorTests.token.uppercased())",
        SecretRedactorTests.basic.uppercased(),
    ])
    func caseChangedEcho(echo: String) {
        let text = redactor().redact("invalid_client: you sent '\(echo)'.")
        #expect(leaks(text).isEmpty, "\(text)")
        #expect(text.contains(SecretRedactor.marker) && text.hasPrefix("invalid_client: you sent '") && text.hasSuffix("'."), "\(text)")
    }

    @Test("An encoded echo is redacted: percent-encoded (any hex case), form-encoded, base64 of the secret alone or of id:secret", arguments: [
        "Sup3r-Secret%2FValue%2BKp9Zq", "sup3r-secret%2fvalue%2bkp9zq", "partner-audit-extractor%3ASup3r-Secret%2FValue%2BKp9Zq",
        Data(SecretRedactorTests.secret.utf8).base64EncodedString(),
        SecretRedactorTests.basic64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
        SecretRedactorTests.basic64.trimmingCharacters(in: CharacterSet(charactersIn: "=")),
        "Sup3r-Secret\\/Value+Kp9Zq",
        // As Python's urllib.parse.quote writes it (`/` kept), lower-cased; JSON \u escapes; HTML numeric entities.
        "partner-audit-extractor%3asup3r-secret/value%2bkp9zq", "Sup3r\\u002dSecret\\u002FValue\\u002bKp9Zq",
        "Sup3r-Secret&#47;Value&#x2B;Kp9Zq", "Sup3r-Secret&#x2f;Value&#43;Kp9Zq",
    ])
    func encodedEcho(echo: String) {
        let text = redactor().redact("echo: \(echo) end")
        #expect(text == "echo: \(SecretRedactor.marker) end", "\(text)")
    }

    @Test("An error text without a secret is left as it was; overlapping secrets become one marker")
    func untouchedAndOverlapping() {
        let redactor = redactor()
        #expect(redactor.redact("HTTP 503 for GET /api/v2/auditlogs?page=2 — Ünïcödé") == "HTTP 503 for GET /api/v2/auditlogs?page=2 — Ünïcödé")
        #expect(redactor.redact("a \(Self.basic.lowercased()) b") == "a \(SecretRedactor.marker) b", "the Basic value holds the secret: one marker")
    }

    @Test("A secret with letters beyond ASCII is redacted lower- and upper-cased too")
    func unicodeSecret() {
        let redactor = SecretRedactor(credentials: Credentials(clientID: "id", clientSecret: Secret("Ünïcödé-Sécret-42")))
        for echo in ["Ünïcödé-Sécret-42", "ünïcödé-sécret-42", "ÜNÏCÖDÉ-SÉCRET-42"] {
            #expect(redactor.redact("[\(echo)]") == "[\(SecretRedactor.marker)]", "\(echo)")
        }
    }

    // MARK: - Spellings an exact match cannot follow

    /// A secret holding every character HTML escapes and a letter beyond ASCII, as the fourth red-team pass used.
    static let awkwardSecret = "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&>\"'"
    static let awkwardID = "pa-extractor-7f3e"

    /// Whether a distinctive part of the awkward secret survives in `text`, raw, in hex or in base64.
    private func leaksAwkward(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let hexPart = Data("kLm9vW2sN".utf8).map { String(format: "%02x", $0) }.joined()
        return lowered.contains("klm9vw2sn") || lowered.contains(hexPart) || text.contains("a0xtOXZXMnNO") || text.contains("S0xtOXZXMnNO")
    }

    @Test("An echo of the secret in a spelling no exact match follows is withheld: HTML named entities, \\u00e9, &#233;, NFD, hex, base64 inside more", arguments: [
        // HTML named entities, as Python's html.escape writes them, and each on its own.
        "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa&lt;&amp;&gt;&quot;&#x27;", "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&amp;>\"'",
        "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa&lt;&>\"'", "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&&gt;\"'",
        "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&>&quot;&apos;", "Zq8&sol;xP&plus;r4T&equals;kLm9vW2sN&eacute;7Qa<&>\"'",
        // The letter beyond ASCII escaped: JSON (either hex case), HTML decimal and hex; sent decomposed (NFD).
        "Zq8/xP+r4T=kLm9vW2sN\\u00e97Qa<&>\"'", "Zq8/xP+r4T=kLm9vW2sN\\u00E97Qa<&>\"'",
        "Zq8/xP+r4T=kLm9vW2sN&#233;7Qa<&>\"'", "Zq8/xP+r4T=kLm9vW2sN&#xE9;7Qa<&>\"'",
        "Zq8/xP+r4T=kLm9vW2sNe\u{301}7Qa<&>\"'",
        // Every character JSON-escaped, as Go's encoder writes < > &; percent-encoded twice.
        "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa\\u003c\\u0026\\u003e\\\"'",
        "Zq8%252FxP%252Br4T%253DkLm9vW2sN%25C3%25A97Qa%253C%2526%253E%2522%2527",
        // Hex of its UTF-8, either case; base64 of a longer text that holds it.
        Data(SecretRedactorTests.awkwardSecret.utf8).map { String(format: "%02x", $0) }.joined(),
        Data(SecretRedactorTests.awkwardSecret.utf8).map { String(format: "%02X", $0) }.joined(),
        Data("client_secret=\(SecretRedactorTests.awkwardSecret)&x=1".utf8).base64EncodedString(),
        Data("id=\(SecretRedactorTests.awkwardID):\(SecretRedactorTests.awkwardSecret)".utf8).base64EncodedString(),
    ])
    func encodedSpellingIsWithheld(echo: String) {
        let redactor = SecretRedactor(credentials: Credentials(clientID: Self.awkwardID, clientSecret: Secret(Self.awkwardSecret)))
        let text = redactor.redact("invalid_client: you sent '\(echo)'.")
        #expect(!leaksAwkward(text), "\(text)")
        #expect(text.contains(SecretRedactor.marker) || text.contains("withheld"), "\(text)")
    }

    @Test("A message with entities, escapes, hex and letters beyond ASCII but no secret is left as it was")
    func encodedMessageWithoutSecret() {
        let redactor = SecretRedactor(credentials: Credentials(clientID: Self.awkwardID, clientSecret: Secret(Self.awkwardSecret)))
        for message in [
            "invalid_client: the client &quot;x&quot; is disabled &amp; locked — caf\u{E9} / cafe\u{301} \\u00e9 &#233; 0123456789abcdef",
            "request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed: SGVsbG8gd29ybGQ= %2Fapi%2Fv2",
        ] {
            #expect(redactor.redact(message) == message)
        }
    }

    @Test("A megabyte excerpt with a lower-cased token near its end is redacted before it is cut, quickly")
    func largeBody() {
        let body = Array((String(repeating: "x", count: 1 << 20) + Self.token.lowercased()).utf8)
        let started = ContinuousClock.now
        let excerpt = redactor().excerpt(of: Array(("you sent bearer " + Self.token.lowercased() + " ").utf8) + body)
        #expect(leaks(excerpt).isEmpty, "\(excerpt)")
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
