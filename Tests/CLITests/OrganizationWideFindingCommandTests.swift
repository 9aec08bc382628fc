import Foundation
import PartnerAuditCore
import Testing

@Suite("demo --dialect live: the organisation's allowlist is one finding", .serialized)
struct OrganizationWideFindingCommandTests {
    private func findings(_ json: String) throws -> [Finding] {
        try JSONDecoder().decode([Finding].self, from: Data(json.utf8))
    }

    /// The count in the summary table's row for a category and severity column.
    private func summaryCount(_ stdout: String, category: FindingCategory, severity: Severity) -> Int? {
        let columns = Severity.allCases.reversed().map(\.rawValue)
        guard let row = stdout.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(category.rawValue + " ") }),
              let index = columns.firstIndex(of: severity.rawValue) else { return nil }
        let counts = row.split(separator: " ").dropFirst().compactMap { Int($0) }
        return counts.count == columns.count ? counts[index] : nil
    }

    @Test("The broad entry is one AL-2 listing every affected client; the summary counts it once; findings --client shows it; one waiver covers it and the pack says so")
    func oneFindingEverywhere() async throws {
        let folder = try WorkingFolder()
        let out = folder.path("demo")
        let runner = CommandLineRunner(directory: folder.url)
        let demo = try await runner.run(["demo", "--scale", "2000", "--out", out, "--dialect", "live"])
        #expect(demo.status == 0, "\(demo.stderr)")

        let packed = try findings(try String(contentsOfFile: "\(out)/pack/findings.json", encoding: .utf8))
        let broad = packed.filter { $0.ruleID == "AL-2" }
        #expect(broad.count == 1, "\(broad.map(\.clientID))")
        let shared = try #require(broad.first)
        #expect(shared.isOrganizationWide)
        #expect(shared.evidence.affectedClients.count > 20)
        #expect(shared.evidence.counts["affectedClients"] == shared.evidence.affectedClients.count)
        let allowlistHigh = packed.filter { $0.category == .allowlist && $0.severity == .high && $0.status != .resolved }.count
        #expect(summaryCount(demo.stdout, category: .allowlist, severity: .high) == allowlistHigh)

        // One card, its clients folded beneath it.
        let html = try String(contentsOfFile: "\(out)/pack/report.html", encoding: .utf8)
        #expect(html.components(separatedBy: "id=\"f-\(shared.fingerprint)\"").count - 1 == 1)
        #expect(html.contains("The \(shared.evidence.affectedClients.count) clients this organisation-wide setting binds"))
        let xml = try String(contentsOfFile: "\(out)/pack/report.xml", encoding: .utf8)
        #expect(xml.components(separatedBy: "<affectedClient ").count - 1 == shared.evidence.affectedClients.count)

        // An affected client's own list includes the organisation-wide finding.
        let warehouse = "\(out)/warehouse.sqlite"
        let client = try #require(shared.evidence.affectedClients.last)
        let forClient = try await runner.run(["findings", "--warehouse", warehouse, "--client", client.id, "--format", "json"])
        #expect(forClient.status == 0, "\(forClient.stderr)")
        #expect(try findings(forClient.stdout).contains { $0.fingerprint == shared.fingerprint })

        // One waiver on the rule and subject covers it, and the next pack shows it.
        let policy = try String(contentsOfFile: "\(out)/policy.yml", encoding: .utf8) + """
            waivers:
              - ruleId: AL-2
                subject: \(shared.subject)
                justification: Gateway egress range, CHG-7
                approvedBy: ciso@example.com
                expires: 2099-12-31

            """
        try folder.write("policy.yml", policy)
        try folder.write("partner-audit.yml", """
            organization: demo-contact-center
            warehouse: \(warehouse)
            policy: \(folder.path("policy.yml"))
            reports: \(folder.path("reports"))
            """)
        let evaluate = try await runner.run(["evaluate"])
        #expect(evaluate.status == 0, "\(evaluate.output)")
        let waived = try await runner.run(["findings", "--status", "waived", "--format", "json"])
        #expect(try findings(waived.stdout).map(\.fingerprint) == [shared.fingerprint])

        let today = String(Timestamp.format(Date()).prefix(10))
        let report = try await runner.run(["report", "--period", today, "--out", folder.path("waived")])
        #expect(report.status == 0, "\(report.output)")
        let waivedHTML = try String(contentsOfFile: folder.path("waived/report.html"), encoding: .utf8)
        #expect(waivedHTML.contains("in force: approved by ciso@example.com, until 2099-12-31. Gateway egress range, CHG-7"))
    }
}
