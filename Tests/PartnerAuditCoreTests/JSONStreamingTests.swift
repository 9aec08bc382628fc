import Testing
@testable import PartnerAuditCore

/// `JSONParser.parse(_:streamingElementsOf:)` must be `parse` with one array's elements handed
/// out instead of kept: the same documents accepted, the same errors at the same bytes, the
/// elements in order, and the rest of the document as `parse` reads it.
@Suite("Streaming the elements of one member while checking the whole document")
struct JSONStreamingTests {
    static let documents = [
        #"{"results":[{"clientId":"c1","requests":3},{"clientId":"c2","requests":0}],"queryStatus":"Complete"}"#,
        #"{"queryStatus":"Running"}"#,
        #"{"results":null,"queryStatus":"Complete"}"#,
        #"{"results":"not a list","queryStatus":"Complete"}"#,
        // A key given twice: the first counts, and only it is streamed.
        #"{"results":[1,2],"results":[3],"queryStatus":"Complete"}"#,
        #"{"results":{"a":1},"results":[3]}"#,
        // White space and escapes everywhere, nested arrays inside elements.
        "  { \"re\\u0073ults\" : [ [1,[2]] , {\"k\":[true,null]} , \"\\u00e9\" ] , \"x\" : -1.5e3 }  ",
        #"{"results":[]}"#, #"{}"#, #"[1,2,3]"#, #"42"#, "null",
    ]

    @Test("The elements come in order; the rest is what parse reads, the array left empty", arguments: documents)
    func sameDocument(text: String) throws {
        let parsed = try JSONParser.parse(text)
        var streamed: [JSONValue] = []
        let rest = try JSONParser.parse(Array(text.utf8), streamingElementsOf: "results") { streamed.append($0) }
        guard case .object(var members) = parsed, case .array(let elements)? = members["results"] else {
            #expect(rest == parsed)
            #expect(streamed.isEmpty)
            return
        }
        #expect(streamed == elements)
        members["results"] = .array([])
        #expect(rest == .object(members))
    }

    @Test("Damaged documents fail exactly as the full parser fails them: same message, same byte")
    func sameErrors() {
        DamagedDocuments.expectSameErrors(Self.documents, as: "the streaming parse") { text throws(JSONParseError) in
            _ = try JSONParser.parse(text, streamingElementsOf: "results") { _ in }
        }
    }
}
