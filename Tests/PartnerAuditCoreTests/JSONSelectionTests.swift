import Testing
@testable import PartnerAuditCore

/// `JSONParser.select` must be `parse` with the unwanted values left unbuilt: the same documents
/// accepted, the same errors at the same bytes, and at each selected path what a lookup in the
/// parsed document finds.
@Suite("Selecting paths while checking the whole document")
struct JSONSelectionTests {
    static let paths: [[String]] = [
        ["started_at"], ["request", "method"], ["request", "headers", "user-agent"], ["consumer", "custom_id"],
        ["authorizer.principalId"], ["authorizer", "principalId"], ["tries"], ["tries", "ip"], ["a", "b"], ["a"], ["é", "k"],
    ]

    static let documents = [
        #"{"request":{"method":"GET","uri":"/x","headers":{"user-agent":"ua/1","accept":"*/*"}},"started_at":1790812800123,"tries":[{"ip":"10.0.0.8"}]}"#,
        // A key given twice: the first counts, whole objects included.
        #"{"request":{"method":"GET"},"request":{"method":"POST","headers":{"user-agent":"second"}},"a":1,"a":{"b":2}}"#,
        // Flat keys beside nested ones, null values, a path through a value that is not an object.
        #"{"authorizer.principalId":null,"authorizer":{"principalId":"p-1"},"consumer":"not an object","a":{"b":[1,{"c":null}]}}"#,
        // Escapes in keys and values, white space everywhere, deep unselected values.
        "  {\"re\\u0071uest\" : { \"method\" : \"G\\u0045T\" } , \"\\u00e9\":{\"k\":\"v\"}, \"x\":[[[{\"y\":[true,false,null,-1.5e3]}]]] }  ",
        #"{}"#, #"[1,2,3]"#, #""a string""#, #"42"#, "null",
    ]

    @Test("Each selected path holds what a lookup in the parsed document finds", arguments: documents)
    func sameValues(text: String) throws {
        var selection = JSONPathSelection()
        let slots = Self.paths.map { selection.add($0) }
        let parsed = try JSONParser.parse(text)
        let selected = try JSONParser.select(Array(text.utf8), selection)
        guard case .object = parsed else {
            #expect(selected == nil)
            return
        }
        let values = try #require(selected)
        for (path, slot) in zip(Self.paths, slots) {
            var expected: JSONValue? = parsed
            for key in path { expected = expected?[key] }
            #expect(values[slot] == expected, "path \(path.joined(separator: "."))")
        }
    }

    @Test("The same path added twice has one slot; a path below a selected value is read from it")
    func slots() throws {
        var selection = JSONPathSelection()
        let deep = selection.add(["a", "b", "c"])
        let whole = selection.add(["a"])
        #expect(selection.add(["a", "b", "c"]) == deep)
        let values = try #require(try JSONParser.select(Array(#"{"a":{"b":{"c":7}}}"#.utf8), selection))
        #expect(values[deep] == .int(7))
        #expect(values[whole] == .object(["b": .object(["c": .int(7)])]))
    }

    @Test("Damaged documents fail exactly as the full parser fails them: same message, same byte")
    func sameErrors() {
        var selection = JSONPathSelection()
        for path in Self.paths { _ = selection.add(path) }
        DamagedDocuments.expectSameErrors(Self.documents, as: "select") { text throws(JSONParseError) in
            _ = try JSONParser.select(text, selection)
        }
    }
}
