import Foundation
import Testing
@testable import PartnerAuditCore

@Suite("JSON parsing and canonical text")
struct JSONTests {
    @Test("Canonical text sorts keys and keeps integers apart from doubles")
    func canonical() throws {
        let value = try JSONParser.parse(#"{ "b": [1, 2.5, true, null], "a": "x" , "c": {"z": -3, "y": 1e3}}"#)
        #expect(value.canonicalText == #"{"a":"x","b":[1,2.5,true,null],"c":{"y":1000,"z":-3}}"#)
    }

    @Test("Escapes decode, and hostile text survives a round trip unchanged")
    func hostileStrings() throws {
        let hostile = "<script>alert('x')</script> \"quoted\" \\ back\nline\ttab \u{0001} é 😀 \u{2028}"
        var bytes: [UInt8] = []
        JSONValue.writeString(hostile, to: &bytes)
        let parsed = try JSONParser.parse(bytes)
        #expect(parsed.stringValue == hostile)
        let viaFoundation = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(viaFoundation == hostile)
        #expect(try JSONParser.parse(#""\ud83d\ude00 \u00e9""#).stringValue == "😀 é")
    }

    @Test("A character to escape is found wherever it sits in an eight-byte word, and plain text is copied as it is")
    func escapesAtEveryPlace() throws {
        for length in 0...20 {
            let plain = String(repeating: "a", count: length)
            var bytes: [UInt8] = []
            JSONValue.writeString(plain, to: &bytes)
            #expect(bytes == Array("\"\(plain)\"".utf8))
            for place in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1F}"] {
                    var text = Array(plain)
                    text[place] = Character(special)
                    let string = String(text)
                    bytes = []
                    JSONValue.writeString(string, to: &bytes)
                    #expect(try JSONParser.parse(bytes).stringValue == string, "\(special.unicodeScalars.first!.value) at \(place) of \(length)")
                    #expect(bytes.count > length + 2, "escaped")
                }
            }
        }
    }

    @Test("Malformed JSON is refused with the byte offset", arguments: [
        #"{"a": }"#, #"{"a": 1,}"#, #"[1 2]"#, #""unterminated"#, #"{"a": 1} trailing"#, "nul", "",
    ])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("Numbers are read as RFC 8259 writes them: what SQLite's JSON functions would reject is refused",
          arguments: ["01", "-01", "+1", "1.", ".5", "-", "1e", "1e+", "1.e5", "0x10", "Infinity", "NaN"])
    func strictNumbers(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"n\": \(text)}") }
    }

    @Test("Every number of the RFC's grammar is read, integers apart from doubles")
    func validNumbers() throws {
        #expect(try JSONParser.parse("[0, -0, 7, -12, 9223372036854775807]") == .array([.int(0), .int(0), .int(7), .int(-12), .int(.max)]))
        #expect(try JSONParser.parse("[1.5, -0.25, 1e2, 1E+2, 2.5e-3, 12345678901234567890]")
            == .array([.double(1.5), .double(-0.25), .double(100), .double(100), .double(0.0025), .double(12345678901234567890)]))
    }

    @Test("A number beyond a double's range is read as infinity and written back as 1e999, which SQLite reads as infinity too",
          arguments: ["1e999", "-1e999", "9.5E+400", "-2.5e1000", "1" + String(repeating: "0", count: 400)])
    func outOfRangeNumbers(text: String) throws {
        let value = try JSONParser.parse("{\"n\": \(text)}")
        let negative = text.hasPrefix("-")
        #expect(value["n"] == .double(negative ? -.infinity : .infinity))
        #expect(value.canonicalText == (negative ? #"{"n":-1e999}"# : #"{"n":1e999}"#))
        #expect(try JSONParser.parse(value.canonicalText) == value, "the canonical text reads back the same")
        #expect(value["n"]?.intValue == nil)
    }

    @Test("A key given twice: the first counts, as in SQLite's json_extract, so a column and the stored text agree")
    func duplicateKeys() throws {
        let value = try JSONParser.parse(#"{"status": 200, "status": 403}"#)
        #expect(value["status"] == .int(200))
    }
}

@Suite("Paged answers")
struct PageParsingTests {
    @Test("Each entity's exact source text is returned beside the parsed page")
    func entityTexts() throws {
        let text = #"{"pageSize": 2, "entities": [ {"id": "a", "n": [1, {"x": "]"}]} ,{"id":"b"}], "other": [3]}"#
        let parsed = try JSONParser.parsePage(Array(text.utf8))
        let (page, texts) = (parsed.value, parsed.entityTexts)
        #expect(texts == [#"{"id": "a", "n": [1, {"x": "]"}]}"#, #"{"id":"b"}"#])
        #expect(page["entities"]?.arrayValue?.count == 2)
        #expect(try texts.map { try JSONParser.parse($0) } == page["entities"]?.arrayValue)
    }

    @Test("A second entities array is neither parsed into the page nor returned as entity text")
    func duplicateEntities() throws {
        let text = #"{"entities": [{"id": "a"}], "entities": [{"id": "planted"}]}"#
        let parsed = try JSONParser.parsePage(Array(text.utf8))
        let (page, texts) = (parsed.value, parsed.entityTexts)
        #expect(texts == [#"{"id": "a"}"#])
        #expect(page["entities"]?.arrayValue?.count == 1)
        #expect(parsed.ambiguousKeys.isEmpty, "a key given twice in the page itself names no entity")
    }

    @Test("An entity holding a key twice or a key spelled with an escape, at any depth, is named with that key; escapes in values and the others are not")
    func ambiguousKeys() throws {
        let text = #"{"entities": [{"id":"a\u0062"}, {"d":{"s\u006furceIp":"10.9.9.9","sourceIp":"1.2.3.4"}}, {"l":[{"k":1,"k":2}]}, {"id":"b","x":{"id":"c"}}, {"\u00e9":1}]}"#
        let page = try JSONParser.parsePage(Array(text.utf8))
        #expect(page.ambiguousKeys == [
            1: .init(key: "sourceIp", kind: .repeated), 2: .init(key: "k", kind: .repeated),
            4: .init(key: "\u{E9}", kind: .escaped(spelling: #"\u00e9"#)),
        ], "a key given twice is named before one only escaped")
        #expect(page.value["entities"]?.arrayValue?[1]["d"]?["sourceIp"] == .string("10.9.9.9"), "the first still counts")
    }

    @Test("An entity holding an escaped NUL or a lone surrogate in any string, at any depth, is named with the key holding it; a surrogate pair and other escapes are not")
    func unreadableEscapes() throws {
        let text = #"{"entities": [{"id":"a","outcome":"success\u0000x"}, {"d":{"ua":"x\ud800"}}, {"d":["\udc00y"]}, {"ok":"\ud83d\ude00 \u0001 \u00e9 \ufffd"}, {"p":"\ud800\u0041"}, {"k":1,"k":"\u0000"}]}"#
        let page = try JSONParser.parsePage(Array(text.utf8))
        #expect(page.ambiguousKeys == [
            0: .init(key: "outcome", kind: .unreadableEscape(spelling: #"success\u0000x"#)), 1: .init(key: "ua", kind: .unreadableEscape(spelling: #"x\ud800"#)),
            2: .init(key: "d", kind: .unreadableEscape(spelling: #"\udc00y"#)), 4: .init(key: "p", kind: .unreadableEscape(spelling: #"\ud800\u0041"#)),
            5: .init(key: "k", kind: .repeated),
        ], "\(page.ambiguousKeys)")
        #expect(page.ambiguousKeys[0]?.reason.contains("SQLite") == true)
    }
}
