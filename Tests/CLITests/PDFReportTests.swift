import Foundation
import Testing

@Suite("report --format pdf: the page printed by headless Chromium", .serialized)
struct PDFReportTests {
    @Test("report.pdf is listed in the manifest, has at least a page per section, each section opens a page, and the cover's text is there")
    func pdfPages() async throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/pdftoppm", "/usr/bin/pdftotext", "/usr/bin/pdfinfo"] where !FileManager.default.isExecutableFile(atPath: tool) {
            Issue.record("\(tool) is not installed (CI's .ci/run installs chromium and poppler-utils)")
            return
        }
        let (folder, simulator) = try await servedOrganization()
        defer { Task { await simulator.shutdown() } }
        let runner = authenticatedRunner(folder)
        #expect(try await runner.run(["run"]).status == 0)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let report = try await runner.run(["report", "--period", today, "--format", "html,xml,pdf", "--out", folder.path("pack")])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.stdout.contains("report.pdf"))
        let pdf = folder.path("pack/report.pdf")
        #expect(try await runner.run(["verify", "--pack", folder.path("pack")]).status == 0)

        let info = try await runner.run(script: "/usr/bin/pdfinfo", [pdf])
        let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        let sections = ["Summary", "Control matrix", "Findings", "Partner application inventory", "OAuth client changes", "Evidence coverage", "Method"]
        #expect(pages > sections.count, "\(pages) pages for the cover and \(sections.count) sections")
        // Each section begins a page: its heading is in the first lines of some page.
        var openers: [String] = []
        for page in 1...max(pages, 1) {
            let text = try await runner.run(script: "/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"])
            openers.append(text.stdout.split(separator: "\n").prefix(3).joined(separator: " "))
        }
        #expect(openers.first?.contains("test-org") == true, "the cover names the organisation: \(openers.first ?? "")")
        for section in sections { #expect(openers.contains { $0.contains(section) }, "no page opens with \(section)") }

        let images = try await runner.run(script: "/usr/bin/pdftoppm", ["-r", "30", "-png", pdf, folder.path("page")])
        #expect(images.status == 0)
        let rendered = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        #expect(rendered.count == pages)
    }
}
