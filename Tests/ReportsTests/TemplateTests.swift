import Foundation
import Reports
import Testing

@Suite("Templates")
struct TemplateTests {
    private var templateFiles: [URL] {
        let folder = ReportFixture.templatesFolder
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "mustache" }
    }

    @Test("No template ever renders a value unescaped: each opens with the scalar escaping, and has no triple mustache, {{& }} or other pragma")
    func escapingStaysOn() throws {
        #expect(templateFiles.count >= 8)
        for file in templateFiles {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix(ScalarHTMLContentType.pragma + "\n"), "\(file.lastPathComponent) does not open with \(ScalarHTMLContentType.pragma)")
            #expect(!text.contains("{{{"), "\(file.lastPathComponent) uses a triple mustache")
            #expect(!text.contains("{{&"), "\(file.lastPathComponent) uses {{& }}")
            #expect(text.components(separatedBy: "{{%").count == 2, "\(file.lastPathComponent) has another pragma")
            #expect(!text.lowercased().contains("<script"), "\(file.lastPathComponent) has a script")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(file.lastPathComponent) loads something from the network")
        }
    }

    @Test("Escaping goes by Unicode scalar: a quote or bracket followed by a combining mark is escaped too")
    func scalarEscaping() {
        #expect(ScalarHTMLContentType.escape("\"\u{301} onfocus=x") == "&quot;\u{301} onfocus=x")
        #expect(ScalarHTMLContentType.escape("<\u{338}script>'&") == "&lt;\u{338}script&gt;&#39;&amp;")
        #expect(ScalarHTMLContentType.escape("plain é 😀") == "plain é 😀")
    }

    @Test("The templates are shipped in the resource bundle, so an installed binary finds them")
    func bundled() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let templates = try await TemplateSet.locate(environment: [:], workingDirectory: empty)
        #expect(templates.folder.path.contains("PartnerAudit_Reports.resources"))
        #expect(templates.schema == FileManager.default.contents(atPath: ReportFixture.templatesFolder.appendingPathComponent("evidence.xsd").path))
    }

    @Test("A templates folder named explicitly wins, and a wrong one is a clear error")
    func explicitFolder() async throws {
        let templates = try await TemplateSet.locate(explicit: ReportFixture.templatesFolder.path, environment: [:])
        #expect(templates.folder.standardizedFileURL == ReportFixture.templatesFolder.standardizedFileURL)
        await #expect(throws: ReportError.self) { try await TemplateSet.locate(explicit: "/nonexistent/templates", environment: [:]) }
    }
}
