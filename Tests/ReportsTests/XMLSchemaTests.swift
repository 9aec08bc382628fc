import CLibXML2
import Foundation
import PartnerAuditCore
@testable import Reports
import Testing

@Suite("report.xml and evidence.xsd")
struct XMLSchemaTests {
    /// Validates with libxml2's tree API (xmlSchemaParse + xmlSchemaValidateDoc), independently of the pack's own validator.
    static func validateWithTree(_ file: URL, schema: URL = ReportFixture.templatesFolder.appendingPathComponent("evidence.xsd")) -> (valid: Bool, errors: Int32) {
        guard let parser = xmlSchemaNewParserCtxt(schema.path), let compiled = xmlSchemaParse(parser) else { return (false, -1) }
        defer { xmlSchemaFree(compiled); xmlSchemaFreeParserCtxt(parser) }
        guard let document = xmlReadFile(file.path, nil, Int32(XML_PARSE_NONET.rawValue)) else { return (false, -2) }
        defer { xmlFreeDoc(document) }
        let context = xmlSchemaNewValidCtxt(compiled)
        defer { xmlSchemaFreeValidCtxt(context) }
        let result = xmlSchemaValidateDoc(context, document)
        return (result == 0, result)
    }

    @Test("report.xml from a hostile organisation validates against evidence.xsd with libxml2")
    func reportValidates() async throws {
        let fixture = try await ReportFixture()
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let xml = pack.url(of: "report.xml")
        let outcome = Self.validateWithTree(xml)
        #expect(outcome.valid, "xmlSchemaValidateDoc returned \(outcome.errors)")
        try SchemaValidator(schema: fixture.templates.schema).validate(.file(xml))
        #expect(pack.files.contains { $0.name == "evidence.xsd" })
        let text = try String(contentsOf: xml, encoding: .utf8)
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"))
        // The guide dialect's allowlists are the clients' own: written as before 1.1, with no organisation list.
        #expect(!text.contains("organizationAllowlist"))
        let allowlistTags = text.components(separatedBy: "<allowlist ").dropFirst().map { $0.prefix { $0 != ">" } }
        #expect(!allowlistTags.isEmpty)
        #expect(allowlistTags.allSatisfy { !$0.contains("scope=") && !$0.contains("count=") }, "a guide allowlist carries a scope or count")
    }

    @Test("A document the schema refuses is rejected with a message naming the problem")
    func invalidDocumentIsRejected() async throws {
        let schema = try #require(FileManager.default.contents(atPath: ReportFixture.templatesFolder.appendingPathComponent("evidence.xsd").path))
        let validator = SchemaValidator(schema: schema)
        let invalid = Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <evidencePack xmlns="urn:partner-audit:evidence:1" version="1" generatedAt="2026-10-01T00:00:00.000Z" toolVersion="x">
              <cover organization="o" period="2026-Q3" from="2026-07-01T00:00:00.000Z" to="2026-10-01T00:00:00.000Z" asOf="2026-10-01T00:00:00.000Z" inProgress="maybe"/>
            </evidencePack>
            """.utf8)
        let error = try #require(throws: ReportError.self) { try validator.validate(.bytes(invalid)) }
        #expect(error.code == .invalidXML)
        #expect(error.description.contains("inProgress") || error.description.contains("summary"), "\(error)")

        let malformed = Data("<evidencePack xmlns=\"urn:partner-audit:evidence:1\"><cover></evidencePack>".utf8)
        let parseError = try #require(throws: ReportError.self) { try validator.validate(.bytes(malformed)) }
        #expect(parseError.code == .invalidXML)
        #expect(!parseError.message.isEmpty)
    }

    @Test("A DOCTYPE with an external entity is refused and the entity is never read")
    func externalEntitiesAreNeverLoaded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).txt")
        try Data("TOP-SECRET-XXE".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let schema = try #require(FileManager.default.contents(atPath: ReportFixture.templatesFolder.appendingPathComponent("evidence.xsd").path))
        let document = Data("""
            <?xml version="1.0"?>
            <!DOCTYPE evidencePack [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> ]>
            <evidencePack xmlns="urn:partner-audit:evidence:1" version="1" generatedAt="2026-10-01T00:00:00.000Z" toolVersion="&xxe;"/>
            """.utf8)
        let error = try #require(throws: ReportError.self) { try SchemaValidator(schema: schema).validate(.bytes(document)) }
        #expect(error.code == .invalidXML)
        #expect(!error.description.contains("TOP-SECRET-XXE"))
    }

    @Test("The writer escapes markup and replaces characters XML cannot carry, so the output still parses")
    func writerEscapes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let hostile = "a<b>&\"'\u{7}\u{0}c\r\n\tz ]]> <!-- x -->"
        let writer = try XMLWriter(path: file.path)
        try writer.element("root", ["attr": hostile]) { try writer.textElement("text", hostile) }
        try writer.finish()
        let tree = try XMLTree(file: file)
        let expected = "a<b>&\"'\u{FFFD}\u{FFFD}c\r\n\tz ]]> <!-- x -->"
        #expect(tree.root.attributes["attr"] == expected)
        #expect(tree.root.child("text")?.text == expected)
    }
}
