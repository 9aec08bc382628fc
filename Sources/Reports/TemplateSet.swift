import Foundation
import Mustache
import PartnerAuditCore

/// The templates a pack is rendered with: the Mustache library (`report.html` and its
/// partials) and the XML schema report.xml is validated against.
///
/// Found at run time, in this order (first match wins):
/// 1. an explicit folder (`report --templates DIR`, or `PARTNER_AUDIT_TEMPLATES`);
/// 2. `templates/` in the working directory, when it holds `report.html.mustache` (running from the repository);
/// 3. the copy shipped inside the binary's resource bundle (`PartnerAudit_Reports.resources/templates`
///    next to the executable), so an installed binary works anywhere.
package struct TemplateSet: Sendable {
    /// The environment variable naming a templates folder.
    package static let environmentVariable = "PARTNER_AUDIT_TEMPLATES"
    /// The main template's file; a folder without it is not a templates folder.
    static let mainTemplate = "report.html.mustache"
    static let schemaFile = "evidence.xsd"

    /// The folder the templates were read from.
    package let folder: URL
    let library: MustacheLibrary
    /// The bytes of evidence.xsd.
    package let schema: Data

    /// Reads every `.mustache` file of the folder and its `evidence.xsd`.
    package init(folder: URL) async throws {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.mainTemplate).path) else {
            throw ReportError(.templates, file: folder.path, "has no \(Self.mainTemplate)")
        }
        guard let schema = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.schemaFile).path) else {
            throw ReportError(.templates, file: folder.path, "has no \(Self.schemaFile)")
        }
        try Self.checkEscaping(in: folder)
        ScalarHTMLContentType.register()
        do {
            library = try await MustacheLibrary(directory: folder.path)
        } catch let error as MustacheLibrary.ParserError {
            throw ReportError(.templates, file: folder.appendingPathComponent(error.filename).path,
                              "line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error)")
        }
        self.folder = folder
        self.schema = schema
    }

    /// Holds every template of `folder` (a folder of one's own, `--templates`, as much as the
    /// bundled one) to the rule that keeps escaping on: it opens with the scalar escaping's
    /// pragma and has no other, prints nothing unescaped (`{{{ }}}`, `{{& }}`), and keeps the
    /// `{{ }}` delimiters (after `{{=<% %>=}}` an unescaped `<%& %>` or another pragma would not
    /// read as one here). Without the pragma the library escapes by Swift `Character`, which
    /// lets a quote followed by a combining mark into an attribute.
    static func checkEscaping(in folder: URL) throws {
        // By the name's end, as the library loads them: a file named `.mustache` alone has no
        // path extension, yet loads as the template `""`, which `{{>}}` prints.
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.lastPathComponent.hasSuffix(".mustache") }
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = FileManager.default.contents(atPath: file.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let problem: String? =
                if !text.hasPrefix(ScalarHTMLContentType.pragma) { "does not open with \(ScalarHTMLContentType.pragma)" }
                else if text.components(separatedBy: "{{%").count != 2 { "sets another pragma" }
                else if text.contains("{{{") || text.contains("{{&") { "prints a value unescaped ({{{ }}} or {{& }})" }
                else if text.contains("{{=") { "changes the delimiters ({{= =}}), which would hide what it prints unescaped" }
                else { nil }
            if let problem {
                throw ReportError(.templates, file: file.path, "\(problem): every template must escape each value it prints, scalar by scalar")
            }
        }
    }

    /// Finds and reads the templates (see the type's documentation for the order).
    package static func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) async throws -> TemplateSet {
        if let folder = explicit ?? environment[environmentVariable] {
            return try await TemplateSet(folder: URL(fileURLWithPath: folder))
        }
        for candidate in [workingDirectory.appendingPathComponent("templates")] + bundledFolders
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(mainTemplate).path) {
            return try await TemplateSet(folder: candidate)
        }
        throw ReportError(.templates, "no templates found: pass --templates DIR or set \(environmentVariable), run from the repository, or install the binary with scripts/install (it lays out PartnerAudit_Reports.resources beside it)")
    }

    /// The templates shipped as SwiftPM resources of the Reports target: the resource bundle
    /// beside the executable (or beside the test bundle).
    package static var bundledFolders: [URL] {
        BundledResources.candidates(bundle: "PartnerAudit_Reports", "templates")
    }

    /// Renders one template; a template that is missing is a templates error.
    func render(_ object: Any, template name: String) throws -> String {
        guard let text = library.render(object, withTemplate: name) else {
            throw ReportError(.templates, file: folder.path, "has no template \(name).mustache")
        }
        return text
    }
}
