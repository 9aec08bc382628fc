import Testing
@testable import PartnerAuditCore

@Suite("Error texts as they are logged and stored")
struct ErrorTextTests {
    @Test("A long text is cut to the limit with a marker saying how much was left out")
    func capsLength() {
        let capped = ErrorText.capped(String(repeating: "x", count: 5_000))
        #expect(capped.hasPrefix(String(repeating: "x", count: ErrorText.maxLength) + " … "))
        #expect(capped.hasSuffix("[3000 more characters cut]"))
        #expect(ErrorText.capped("short") == "short")
    }

    @Test("A NUL from the source is written \\u0000: SQLite would end the stored error there, losing the rest")
    func nulMadeVisible() {
        let capped = ErrorText.capped("HTTP 500: bad\u{0}rest of the body")
        #expect(!capped.utf8.contains(0))
        #expect(capped == #"HTTP 500: bad\u0000rest of the body"#)
    }
}
