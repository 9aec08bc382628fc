import Testing
import TestSupport
@testable import PartnerAuditCore

/// `JSONLineScanner` is `JSONParser.select`'s fast path: whatever it reads must be what the full
/// walk reads — the same documents accepted, the same value at each slot — and what it refuses
/// must be what the walk refuses.
@Suite("Scanning a line in one pass")
struct JSONLineScannerTests {
    /// Paths that each end at a node of their own (as every preset's do), so the scanner reads them.
    static let paths: [[String]] = [
        ["started_at"], ["request", "method"], ["request", "uri"], ["request", "headers", "user-agent"], ["consumer", "custom_id"],
        ["authorizer.principalId"], ["authorizer", "principalId"], ["client_ip"], ["response", "status"], ["n"], ["b"], ["z"], ["é", "k"],
    ]

    static let documents = [
        #"{"request":{"method":"GET","uri":"/api/v2/users?x=1","headers":{"user-agent":"ua/1","accept":"*/*"}},"started_at":1790812800123,"client_ip":"34.10.0.8","response":{"status":200},"tries":[{"ip":"10.0.0.8"}]}"#,
        // A key given twice: the first counts, even when it is not an object.
        #"{"request":"flat","request":{"method":"POST"},"consumer":{"custom_id":"c-1","custom_id":"c-2"},"n":1,"n":2}"#,
        // Escapes in values (`\/` as lua-cjson writes it), numbers of every shape, literals.
        #"{"request":{"uri":"\/api\/v2\/users\u00e9\n\t\"q\"","method":"G\u0045T"},"n":-0.5e-3,"b":true,"z":null,"started_at":123456789012345678901}"#,
        // White space everywhere, a non-ASCII key, deep unselected values, an empty key.
        "  {\"é\" : {\"k\" : \"v\"} , \"\":1, \"x\" : [[[{\"y\":[true,false,null,-1.5e3,{}]}]]] , \"b\":false }  ",
        // A surrogate pair, then escapes the scanner leaves to the walk: NUL, a lone surrogate, an escaped key.
        #"{"request":{"uri":"\ud83d\ude00"}}"#,
        #"{"request":{"uri":"a\u0000b"}}"#, #"{"client_ip":"\udc00"}"#, #"{"re\u0071uest":{"method":"GET"}}"#,
        // A selected value that is a container, and a number a double reads as infinite.
        #"{"request":{"method":["GET"]},"n":1e999}"#,
        #"{}"#, #"[1,2,3]"#, #""a string""#, #"42"#, "null", " true ",
    ]

    /// What the scanner reads of `text`, and what the full walk reads.
    static func both(_ text: [UInt8], _ selection: JSONPathSelection) -> (scanned: JSONParser.ScannedSelection, walked: Result<[JSONValue?]?, JSONParseError>) {
        var unreadable: Set<Int> = []
        let walked = Result { () throws(JSONParseError) in try JSONParser.walk(text, selection, unreadableSlots: &unreadable) }
        return (text.withUnsafeBufferPointer { JSONParser.scan($0, selection) }, walked)
    }

    /// Holds the scanner to the walk on `texts`; how many it read itself.
    static func expectAgreement(_ texts: [[UInt8]]) -> Int {
        var selection = JSONPathSelection()
        for path in paths { _ = selection.add(path) }
        var read = 0
        for text in texts {
            let (scanned, walked) = both(text, selection)
            let shown = String(decoding: text, as: UTF8.self)
            switch (scanned, walked) {
            case (.selected(let slots), .success(let walkedSlots?)):
                read += 1
                #expect(slots == walkedSlots, "\(shown)")
            case (.notObject, .success(nil)):
                read += 1
            case (.unread, _):
                break
            default:
                Issue.record("the scanner read \(scanned) where the walk read \(walked): \(shown)")
            }
        }
        return read
    }

    @Test("Every document, and every damaged form of it, is read as the walk reads it or left to the walk")
    func damagedDocuments() {
        let texts = Self.documents.flatMap(DamagedDocuments.of)
        let read = Self.expectAgreement(texts)
        // The scanner must do the work: most damaged forms are refused by both, most others read.
        #expect(read > texts.count / 10, "read \(read) of \(texts.count)")
    }

    @Test("Valid documents without what only the walk reads are read by the scanner itself")
    func readsPlainDocuments() {
        var selection = JSONPathSelection()
        for path in Self.paths { _ = selection.add(path) }
        for text in Self.documents.prefix(5) {
            guard case .selected = Self.both(Array(text.utf8), selection).scanned else {
                Issue.record("left to the walk: \(text)")
                continue
            }
        }
        for text in Self.documents[5...8] {
            guard case .unread = Self.both(Array(text.utf8), selection).scanned else {
                Issue.record("read by the scanner: \(text)")
                continue
            }
        }
    }

    @Test("Random documents, whole and with random bytes changed, read alike")
    func randomDocuments() {
        var generator = SeededRandom(seed: 0x5EED)
        var texts: [[UInt8]] = []
        for _ in 0..<3_000 {
            let text = Array(RandomJSON.object(depth: 0, using: &generator).utf8)
            texts.append(text)
            var changed = text
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<changed.count, using: &generator)
                changed[position] = RandomJSON.noise.randomElement(using: &generator)!
            }
            texts.append(changed)
        }
        let read = Self.expectAgreement(texts)
        #expect(read > 2_000, "read \(read) of \(texts.count)")
    }

    @Test("Nesting is bounded as the full parser bounds it", arguments: [511, 512, 513])
    func nesting(depth: Int) {
        let text = Array(("{\"deep\":" + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}").utf8)
        #expect(Self.expectAgreement([text]) == (depth <= 512 ? 1 : 0))
    }

    @Test("Strings are checked eight bytes at a time without missing a quote, a backslash or a control byte at any offset")
    func specialBytesAtEveryOffset() {
        for offset in 0..<24 {
            for special in ["\"", "\\", "\u{01}", "\u{1F}", "\\u0041", "é"] {
                let padding = String(repeating: "a", count: offset)
                let text = Array(("{\"n\":\"" + padding + special + padding + "\"}").utf8)
                _ = Self.expectAgreement([text])
            }
        }
        // Bytes from 0x20 up, and high bytes, are plain.
        let plain = Array(("{\"n\":\"" + String(decoding: (0x20...0x7E).filter { $0 != 0x22 && $0 != 0x5C }.map(UInt8.init), as: UTF8.self) + "ÿ€\"}").utf8)
        #expect(Self.expectAgreement([plain]) == 1)
    }
}

/// Random JSON text for the scanner's tests: keys the selection wants among others, strings with
/// escapes and multi-byte letters, numbers of every shape, white space.
enum RandomJSON {
    static let keys = ["request", "method", "uri", "headers", "user-agent", "consumer", "custom_id", "started_at", "client_ip",
                       "authorizer.principalId", "authorizer", "principalId", "n", "b", "z", "é", "k", "x", "tries", ""]
    static let pieces = ["a", "GET", "/api/v2/x", "\\/", "\\\"", "\\\\", "\\n", "\\u00e9", "\\u0000", "\\ud83d\\ude00", "é", "€", " ", "\\t"]
    static let numbers = ["0", "-0", "7", "-12", "3.25", "-0.5e-3", "1E+9", "123456789012345678", "1234567890123456789012", "1e999"]
    static let noise = Array(#""\{}[],:0-.eu a"#.utf8) + [0x01, 0x7F, 0xC3]

    static func object(depth: Int, using generator: inout SeededRandom) -> String {
        let count = Int.random(in: 0...(depth == 0 ? 8 : 4), using: &generator)
        let members = (0..<count).map { _ in
            "\"\(keys.randomElement(using: &generator)!)\"\(space(&generator)):\(space(&generator))\(value(depth: depth + 1, using: &generator))"
        }
        return "{" + members.joined(separator: ",\(space(&generator))") + "}"
    }

    static func value(depth: Int, using generator: inout SeededRandom) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return "\"" + (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() + "\""
        case 1: return numbers.randomElement(using: &generator)!
        case 2: return ["true", "false", "null"].randomElement(using: &generator)!
        case 3: return "\"\(String(repeating: "x", count: Int.random(in: 0...20, using: &generator)))\""
        case 4: return object(depth: depth, using: &generator)
        default: return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth: depth + 1, using: &generator) }.joined(separator: ",") + "]"
        }
    }

    static func space(_ generator: inout SeededRandom) -> String { Bool.random(using: &generator) ? "" : " " }
}
