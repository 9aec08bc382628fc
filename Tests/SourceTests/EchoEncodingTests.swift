import Foundation
import PartnerAuditCore
import Source
import Testing

@Suite("The secret redactor against echoes in encodings of whole classes: wrapped base64, UTF-16, separated hex, nested base64, padded references")
struct EchoEncodingTests {
    /// A secret holding every character HTML escapes and a letter beyond ASCII, as the red-team passes used.
    static let secret = "Zq8/xP+r4T=kLm9vW2sN\u{E9}7Qa<&>\""
    static let clientID = "pa-extractor-7f3e"
    static let token = "tok-Qm9vW2sNrT8xZq4LpY7eHc3d"

    private func redactor() -> SecretRedactor {
        let redactor = SecretRedactor(credentials: Credentials(clientID: Self.clientID, clientSecret: Secret(Self.secret)))
        redactor.register(token: Self.token)
        return redactor
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    private static func utf16LE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    private static func utf16BE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
    private static func hex(_ bytes: [UInt8], _ format: String, separator: String) -> String {
        bytes.map { String(format: format, $0) }.joined(separator: separator)
    }

    /// Base64 of a longer text holding `value`, wrapped every 76 characters as MIME writes it.
    private static func mime(_ value: String, lineBreak: String) -> String {
        let encoded = Array(base64(String(repeating: "X", count: 50) + value))
        return stride(from: 0, to: encoded.count, by: 76).map { String(encoded[$0..<min($0 + 76, encoded.count)]) }.joined(separator: lineBreak)
    }

    /// The secret JSON-quoted as Python's `json.dumps` writes it: `é` as `\u00e9`, `"` as `\"`.
    static let jsonQuotedSecret = "\"Zq8/xP+r4T=kLm9vW2sN\\u00e97Qa<&>\\\"\""

    static let secretEchoes: [String] = [
        // MIME base64: CRLF, LF, and the CRLF as a JSON string escapes it.
        mime(secret, lineBreak: "\r\n"), mime(secret, lineBreak: "\n"), mime(secret, lineBreak: "\\r\\n"),
        // Base64 of the UTF-16 bytes (.NET, PowerShell), either byte order; their hex.
        base64(utf16LE(secret)), base64(utf16BE(secret)), base64(utf16LE("client_secret=" + secret)),
        hex(utf16BE(secret), "%02x", separator: ""), hex(utf16LE(secret), "%02X", separator: ""),
        // Hex bytes with separators.
        hex(Array(secret.utf8), "%02X", separator: ":"), hex(Array(secret.utf8), "%02x", separator: " "),
        hex(Array(secret.utf8), "%02x", separator: "-"), hex(Array(secret.utf8), "0x%02x", separator: ", "),
        // Base64 of the JSON-quoted secret, of its HTML escape, of its URL escape, of its base64.
        base64(jsonQuotedSecret), base64("{\"client_secret\":\(jsonQuotedSecret)}"),
        base64("Zq8/xP+r4T=kLm9vW2sN&eacute;7Qa&lt;&amp;&gt;&quot;"),
        base64("Zq8%2FxP%2Br4T%3DkLm9vW2sN%C3%A97Qa%3C%26%3E%22"),
        base64(base64("id=" + secret)),
        // Base64 and hex of the secret decomposed (NFD), which Swift's String equality would take for the composed one.
        base64(secret.decomposedStringWithCanonicalMapping), hex(Array(secret.decomposedStringWithCanonicalMapping.utf8), "%02x", separator: ""),
        base64(utf16LE(secret.decomposedStringWithCanonicalMapping)),
        // HTML references with leading zeros, hex and decimal.
        secret.unicodeScalars.map { "&#x" + String(repeating: "0", count: 8) + String($0.value, radix: 16, uppercase: true) + ";" }.joined(),
        secret.unicodeScalars.map { "&#" + String(repeating: "0", count: 20) + String($0.value) + ";" }.joined(),
        // Braced escapes (JavaScript, Swift, Rust, Ruby, PHP; Perl's \x{…}): the letter alone, every
        // character, with leading zeros, and every character of the secret's base64.
        "Zq8/xP+r4T=kLm9vW2sN\\u{e9}7Qa<&>\"", braced(secret, "u"), braced(secret, "x", zeros: 4), braced(base64(secret), "u"),
        // Ruby's braced escape of several code points, spaced once or more.
        "\\u{" + secret.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + "}",
        "\\u{" + secret.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "  ") + "}",
        "\\u{" + secret.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "\t") + "}",
        "\\u{ " + secret.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + " }",
        // The letter beyond ASCII as its UTF-8 bytes, `\xc3\xa9`: Python's bytes repr (b'…'), C, Go, PHP.
        "b'Zq8/xP+r4T=kLm9vW2sN\\xc3\\xa97Qa<&>\"'", "Zq8/xP+r4T=kLm9vW2sN\\xC3\\xA97Qa<&>\"",
        Array(secret.utf8).map { String(format: "\\x%02x", $0) }.joined(),
        // The Basic value (base64 of id:secret) as Python's repr of its UTF-16 bytes, either order.
        pythonBytes(utf16LE(base64("\(clientID):\(secret)"))), pythonBytes(utf16BE(base64("\(clientID):\(secret)"))),
    ]

    /// `bytes` as Python's `repr` of a `bytes` writes them: `b'c\x00G\x00…'`.
    private static func pythonBytes(_ bytes: [UInt8]) -> String {
        "b'" + bytes.map { (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "'") ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined() + "'"
    }

    /// Every character of `text` as a braced escape: `\u{5a}` (`\x{…}` with `x`), `zeros` leading zeros.
    private static func braced(_ text: String, _ letter: String, zeros: Int = 0) -> String {
        text.unicodeScalars.map { "\\" + letter + "{" + String(repeating: "0", count: zeros) + String($0.value, radix: 16) + "}" }.joined()
    }

    @Test("An echo of the client secret in another encoding class is withheld", arguments: EchoEncodingTests.secretEchoes)
    func secretEchoIsWithheld(echo: String) {
        let text = redactor().redact("invalid_client: bad client: \(echo) for you")
        #expect(text == SecretRedactor.withheld || text.contains(SecretRedactor.marker), "\(text)")
        #expect(!text.contains(String(echo.prefix(24))), "\(text)")
    }

    static let tokenEchoes: [String] = [
        mime(token, lineBreak: "\r\n"), base64(utf16LE("Bearer " + token)), hex(Array(token.utf8), "%02X", separator: ":"),
        hex(Array(token.utf8), "%02x", separator: " "), base64("\"" + token + "\""),
        token.unicodeScalars.map { "&#x00000000" + String($0.value, radix: 16) + ";" }.joined(),
        // Hex of its base64, plain, upper-cased, spaced; and of the base64 of its UTF-16.
        hex(Array(base64(token).utf8), "%02x", separator: ""), hex(Array(base64(token).utf8), "%02X", separator: ""),
        hex(Array(base64(token).utf8), "%02x", separator: " "), hex(Array(base64(utf16LE(token)).utf8), "%02x", separator: ""),
        braced(base64(token), "u"),
    ] + ["\u{A0}", "\u{2028}", "\u{0B}", "\u{0C}", "\u{85}", "\u{3000}"].map {
        // Split once by a white space character other than a space, a tab or a line break.
        String(token.prefix(12)) + $0 + String(token.dropFirst(12))
    }

    @Test("An echo of the bearer token in another encoding class is withheld", arguments: EchoEncodingTests.tokenEchoes)
    func tokenEchoIsWithheld(echo: String) {
        let text = redactor().redact("bad request, you sent \(echo)")
        #expect(text == SecretRedactor.withheld || text.contains(SecretRedactor.marker), "\(text)")
    }

    @Test("A message with ids, correlation ids, base64-looking ids, hex and wrapped text but no credential is left as it was")
    func ordinaryMessagesStay() {
        let redactor = redactor()
        for message in [
            "request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed (correlation id 0f8fad5b-d9cb-469f-a165-70867728950e)",
            "trace 4bf92f3577b34da6a3ce929d0e0e4736, span 00f067aa0ba902b7, etag W/\"5d41402abc4b2a76b9719d911017c592\"",
            "object id dGhpcyBpcyBub3QgYSBzZWNyZXQ= / cursor eyJwYWdlIjoyLCJzaXplIjo1MDB9 / AAAAAAAAAAAAAAAAAAAA",
            "MAC 00:1A:2B:3C:4D:5E, key fingerprint 5a:71:38:2f:78:50, range 0x10-0x7f\r\nsecond line\r\n\tthird",
            "le client n'est pas autoris&#x000000E9; &#0000060;ici&#0062; caf\u{E9}",
        ] {
            #expect(redactor.redact(message) == message)
        }
    }

    @Test("A megabyte of base64-looking text with no credential is looked at quickly")
    func largeBase64Body() {
        let chunk = Data((0..<3_000).map { UInt8($0 % 251) }).base64EncodedString()
        let body = Array(String(repeating: chunk + "\r\n", count: 260).utf8)
        let started = ContinuousClock.now
        let excerpt = redactor().excerpt(of: body)
        #expect(excerpt.hasPrefix(String(chunk.prefix(200))))
        // About 1.4 s alone in a debug build; the whole suite's tests side by side on two cores
        // make it up to three times that. A scan gone quadratic in the body takes minutes.
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
