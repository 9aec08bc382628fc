import Foundation
import PartnerAuditCore
@testable import Reports
import Rules
import Testing

@Suite("OSCAL identifiers and fields")
struct OSCALFieldTests {
    @Test("Name-based UUIDs are RFC 4122 version 5, the same as Python's uuid.uuid5 gives")
    func uuidVersion5() {
        // python3 -c "import uuid; ns = uuid.uuid5(uuid.NAMESPACE_URL, 'urn:partner-audit:oscal'); print(ns, uuid.uuid5(ns, 'finding\nacme\n2026-Q3\nabc'))"
        #expect(OSCALUUID.text(OSCALUUID.namespace) == "eef94dca-b68c-5e82-b8ee-6003caf50d04")
        #expect(OSCALUUID.named("finding", "acme", "2026-Q3", "abc") == "6cd6d505-2580-595e-8780-6327d4d44966")
        #expect(OSCALUUID.named("finding", "acme", "2026-Q3", "abd") != OSCALUUID.named("finding", "acme", "2026-Q3", "abc"))
    }

    @Test("Every control reference of the mapping becomes a distinct OSCAL token")
    func controlTokens() throws {
        #expect(OSCALControlID.token("SOC2:CC6.1") == "soc2-cc6.1")
        #expect(OSCALControlID.token("HIPAA:164.308(a)(4)(ii)(B)") == "hipaa-164.308.a.4.ii.b")
        #expect(OSCALControlID.token("9 é:x") == "control-9__-x")
        let references = Control.Framework.allCases.flatMap { RuleCatalog.controls(of: $0) }.map(\.reference)
        let tokens = references.map(OSCALControlID.token)
        #expect(Set(tokens).count == references.count)
        let token = try Regex(#"^[_A-Za-z][_A-Za-z0-9.\-]*$"#)
        #expect(tokens.allSatisfy { $0.wholeMatch(of: token) != nil })
    }

    @Test("Source text is put on one line for titles and property values; an empty value leaves its property out")
    func oneLine() {
        #expect(OSCALFields.line("  a\n\tb \u{2028} c\r\n") == "a b c")
        #expect(OSCALFields.line("\n \t") == "(none)")
        #expect(OSCALFields.prop("client-name", " \n") == nil)
        #expect(OSCALFields.prop("client-name", "=HYPERLINK(\"x\")\nnext")?["value"] == .string("=HYPERLINK(\"x\") next"))
    }

    @Test("A streamed document is the same bytes as the canonical text of the same value")
    func streamedIsCanonical() throws {
        let names = ["b\"\\\u{1}", "a</script>", "ü"]
        let streamed = StreamedJSON.object(["z": .value(.int(1)), "list": .elements(count: names.count) { .object(["name": .string(names[$0])]) },
                                            "nested": .array([.object(["y": .value(.null), "x": .value(.bool(true))])])])
        var bytes: [UInt8] = []
        try streamed.write { bytes.append(contentsOf: $0) }
        let value = JSONValue.object(["z": .int(1), "list": .array(names.map { .object(["name": .string($0)]) }),
                                      "nested": .array([.object(["y": .null, "x": .bool(true)])])])
        #expect(String(decoding: bytes, as: UTF8.self) == value.canonicalText)
        #expect(try JSONParser.parse(bytes) == value)
    }
}
