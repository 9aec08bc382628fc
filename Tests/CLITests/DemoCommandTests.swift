import Foundation
import PartnerAuditCore
import Testing

@Suite("The README's first command: demo", .serialized)
struct DemoCommandTests {
    @Test("demo runs simulate → extract → evaluate → report, finds every rule family, and leaves a pack that verifies",
          arguments: SourceDialect.allCases)
    func demoEndToEnd(dialect: SourceDialect) async throws {
        let folder = try WorkingFolder()
        let out = folder.path("demo")
        let result = try await CommandLineRunner(directory: folder.url).run(["demo", "--scale", "2000", "--out", out, "--dialect", dialect.rawValue])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(dialect) dialect"))
        #expect(result.stdout.contains("chain:    verified"))
        for category in FindingCategory.allCases {
            let row = result.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(category.rawValue + " ") }
            let counts = row?.split(separator: " ").dropFirst().compactMap { Int($0) } ?? []
            #expect(counts.reduce(0, +) > 0, "no \(category.rawValue) finding in the demo")
        }
        #expect(result.stdout.contains("evidence pack: \(out)/pack/report.html"))
        for file in ["report.html", "report.xml", "findings.csv", "findings.json", "events.csv.gz", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/pack/\(file)"), "\(file) missing")
        }
        #expect(try await CommandLineRunner(directory: folder.url).run(["verify", "--pack", "\(out)/pack"]).status == 0)
        if dialect == .live {
            // The partner gateway's log is read, and the pack's coverage names its files.
            #expect(result.stdout.contains("gateway:  ") && result.stdout.contains("2 rejected"), "\(result.stdout)")
            let html = try String(contentsOfFile: "\(out)/pack/report.html", encoding: .utf8)
            #expect(html.contains("Gateway access logs") && html.contains("access.log.2.gz"))
            // report.xml carries the same files (the writer validated it against the XSD).
            let xml = try String(contentsOfFile: "\(out)/pack/report.xml", encoding: .utf8)
            #expect(xml.contains("<gatewayFile path=\"") && xml.contains("access.log.2.gz\""), "no gatewayFile in report.xml")
            #expect(xml.contains("<rejection line=\""), "the rejected lines are not named in report.xml")
        }
    }
}
