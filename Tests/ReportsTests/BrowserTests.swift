import Foundation
import PartnerAuditCore
import Reports
import Testing

@Suite("report.html in a real headless browser", .serialized)
struct BrowserTests {
    static let sections = ["cover", "summary", "controls", "findings", "inventory", "changes", "coverage", "method"]

    @Test("Chromium renders report.html from a hostile organisation: no console error, no injected element, title unchanged, every section, a screenshot")
    func rendersSafely() async throws {
        guard FileManager.default.isExecutableFile(atPath: Chromium.path) else {
            Issue.record("Chromium is not installed at \(Chromium.path): install Debian's `chromium` package (CI's .ci/run does)")
            return
        }
        let fixture = try await ReportFixture()
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let page = pack.url(of: "report.html")
        let source = try String(contentsOf: page, encoding: .utf8)
        #expect(source.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"), "the renamed client's name reaches the page, escaped")
        #expect(source.contains("onerror=alert(1)"), "the hostile redirect URI reaches the page, escaped")
        #expect(source.contains("onload=alert(1)"), "the hostile user agent reaches the page, escaped")
        #expect(!source.contains("organization-allowlist"), "a guide-dialect pack has no organisation-wide allowlist")

        let dump = try await Chromium.run(["--dump-dom", page.absoluteString])
        #expect(dump.status == 0, "chromium exited \(dump.status): \(dump.stderr.suffix(2000))")
        let consoleLines = dump.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("Refused to") }
        #expect(consoleLines.isEmpty, "console output: \(consoleLines)")
        let dom = try HTMLDocument(dump.stdout)
        #expect(dom.elements.count > 500)
        #expect(!dom.elements.contains { $0.name == "script" }, "a <script> element was injected")
        let handlers = dom.elements.filter { $0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } }
        #expect(handlers.isEmpty, "elements with event handlers: \(handlers.map(\.name))")
        #expect(!dom.elements.contains { ["iframe", "object", "embed", "img", "link", "base", "form"].contains($0.name) })
        let titles = dom.elements.filter { $0.name == "title" && !$0.text.isEmpty }
        #expect(titles.first?.text == "Evidence pack: test-org, 2026-Q3")
        let ids = Set(dom.elements.compactMap { $0.attributes["id"] })
        for section in Self.sections { #expect(ids.contains(section), "missing section #\(section)") }
        let text = dom.elements.first { $0.name == "body" }?.text ?? ""
        #expect(text.contains(ReportFixture.hostileName), "the hostile name shows as text")
        #expect(text.contains(ReportFixture.hostileDescription), "the hostile description shows as text")

        let screenshot = pack.folder.appendingPathComponent("screenshot.png")
        let shot = try await Chromium.run(["--screenshot=\(screenshot.path)", "--window-size=1280,4000", page.absoluteString])
        #expect(shot.status == 0, "chromium exited \(shot.status): \(shot.stderr.suffix(2000))")
        let png = try Data(contentsOf: screenshot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 50_000, "a \(png.count)-byte screenshot is too small to show the report")
    }
}
