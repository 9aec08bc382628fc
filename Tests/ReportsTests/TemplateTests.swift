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
            #expect(!text.contains("{{="), "\(file.lastPathComponent) changes the delimiters")
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

    @Test("A templates folder of one's own is held to the same rule: a template without the scalar escaping, or printing unescaped, is refused", arguments: [
        ("without the pragma", nil, "does not open with"),
        ("with a triple mustache", "{{{title}}}\n", "unescaped"),
        ("with {{& }}", "{{&title}}\n", "unescaped"),
        ("with another pragma", "{{% CONTENT_TYPE: HTML }}\n", "another pragma"),
        ("with its delimiters changed", "{{=<% %>=}}<%&title%>\n", "delimiters"),
    ] as [(String, String?, String)])
    func ownFolderHeldToTheRule(what: String, appended: String?, named: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("own-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: ReportFixture.templatesFolder, to: folder)
        let main = folder.appendingPathComponent("report.html.mustache")
        let text = try String(contentsOf: main, encoding: .utf8)
        // Appended to the main template, or (nil) its first line, the pragma, taken off.
        let changed = appended.map { text + $0 } ?? String(text.drop { $0 != "\n" }.dropFirst())
        try changed.write(to: main, atomically: true, encoding: .utf8)
        let error = await #expect(throws: ReportError.self, "a template \(what) was accepted") {
            try await TemplateSet.locate(explicit: folder.path, environment: [:])
        }
        #expect(error.map { "\($0)" }?.contains(named) == true, "\(error.map { "\($0)" } ?? "")")
    }

    @Test("A template file named only `.mustache`, which the library loads as the template \"\" for {{>}}, is held to the rule too")
    func namelessTemplateChecked() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("own-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: ReportFixture.templatesFolder, to: folder)
        try "<strong title='{{{title}}}'>\n".write(to: folder.appendingPathComponent(".mustache"), atomically: true, encoding: .utf8)
        let error = await #expect(throws: ReportError.self, "an unescaping template named .mustache was accepted") {
            try await TemplateSet.locate(explicit: folder.path, environment: [:])
        }
        #expect(error.map { "\($0)" }?.contains(".mustache") == true)
    }

    @Test("A templates folder named explicitly wins, and a wrong one is a clear error")
    func explicitFolder() async throws {
        let templates = try await TemplateSet.locate(explicit: ReportFixture.templatesFolder.path, environment: [:])
        #expect(templates.folder.standardizedFileURL == ReportFixture.templatesFolder.standardizedFileURL)
        await #expect(throws: ReportError.self) { try await TemplateSet.locate(explicit: "/nonexistent/templates", environment: [:]) }
    }
}
