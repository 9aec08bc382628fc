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

@Suite("What a source sent, cut for logs and storage, is bounded in bytes")
struct SourceTextBoundTests {
    /// One `Character`: a letter and a million combining acute accents (2 MB of UTF-8).
    static let marked = "a" + String(repeating: "\u{301}", count: 1_000_000)

    @Test("A rejected event's id and reason are cut by Unicode scalar, not by Character")
    func rejectedEventBounded() {
        let rejected = RejectedEvent(id: Self.marked, reason: "field 'timestamp' is not a time: " + Self.marked)
        #expect((rejected.id?.utf8.count ?? 0) <= RejectedEvent.maxIDLength * 4, "\(rejected.id?.utf8.count ?? 0) bytes of id kept")
        #expect(rejected.reason.utf8.count <= RejectedEvent.maxReasonLength * 4, "\(rejected.reason.utf8.count) bytes of reason kept")
    }

    @Test("A stored error text is cut by Unicode scalar too")
    func errorTextBounded() {
        let capped = ErrorText.capped("HTTP 500: " + Self.marked)
        #expect(capped.utf8.count <= ErrorText.maxLength * 4 + 80, "\(capped.utf8.count) bytes kept")
        #expect(capped.hasSuffix("more characters cut]"))
    }

    @Test("A time that cannot be read is quoted in its error by Unicode scalar, in every record that has one")
    func unreadableTimeQuotedBounded() throws {
        let quoted = #""a\#(Self.marked)""#
        let records: [(String, (JSONValue) throws -> Void)] = [
            (#"{"clientId":"c1","date":\#(quoted)}"#, { _ = try APIUsageRow(usageJSON: $0) }),
            (#"{"id":"m1","eventDate":\#(quoted)}"#, { _ = try AuditEvent(liveJSON: $0) }),
            (#"{"id":"e1","timestamp":\#(quoted)}"#, { _ = try AuditEvent(guideJSON: $0) }),
        ]
        for (text, decode) in records {
            let json = try JSONParser.parse(Array(text.utf8))
            let error = #expect(throws: SourceDataError.self) { try decode(json) }
            #expect((error?.description.utf8.count ?? .max) < 300, "\(error?.description.utf8.count ?? 0) bytes of error for \(text.prefix(20))")
        }
    }

    @Test("The API family a gateway path names is cut by Unicode scalar")
    func apiFamilyBounded() {
        let family = GatewayRequest.resource(of: "/api/v2/" + Self.marked + "/x")
        #expect(family.utf8.count <= 64 * 4, "\(family.utf8.count) bytes of API family kept")
    }
}
