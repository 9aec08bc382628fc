import Foundation
import Logging
import PartnerAuditCore
import Simulator
import Testing
import Warehouse

@Suite("report and verify --pack through the binary", .serialized)
struct ReportCommandTests {
    @Test("A bad period is a usage error: exit 2", arguments: [["--period", "2026-Q5"], ["--period", "2026-13"], ["--from", "2026-09-01"], ["--period", "2026-Q3", "--framework", "iso27001"]])
    func badPeriod(arguments: [String]) async throws {
        let folder = try WorkingFolder()
        let result = try await CommandLineRunner(directory: folder.url).run(["report"] + arguments)
        #expect(result.status == 2, "\(result.output)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("verify --pack passes on a fresh pack and exits 4 naming the file after one byte of it changes")
    func verifyPack() async throws {
        var options = SimulatorOptions()
        options.scale = 2_000
        options.days = 3
        let organization = SimulatedOrganization(options: options, start: Date())
        let simulator = try await SimulatorServer.start(
            organization: organization, port: 0, clock: SystemClock(), logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() })
        defer { Task { await simulator.shutdown() } }
        let folder = try WorkingFolder()
        try folder.write("partner-audit.yml", """
            organization: test-org
            source:
              apiURL: \(simulator.baseURL)
              requestsPerMinute: 100000
              lagMinutes: 0
              windowHours: 6
            warehouse: \(folder.path("warehouse.sqlite"))
            reports: \(folder.path("reports"))
            policy: \(folder.path("policy.yml"))
            """)
        try folder.write("policy.yml", organization.policyYAML)
        var runner = CommandLineRunner(directory: folder.url)
        runner.environment = ["PARTNER_AUDIT_CLIENT_ID": "demo-extractor", "PARTNER_AUDIT_CLIENT_SECRET": "demo-secret"]
        #expect(try await runner.run(["extract"]).status == 0)
        #expect(try await runner.run(["evaluate"]).status == 0)
        let yesterday = String(Timestamp.format(Date().addingTimeInterval(-86_400)).prefix(10))
        let report = try await runner.run(["report", "--period", yesterday])
        #expect(report.status == 0, "\(report.output)")
        let pack = folder.path("reports/test-org/\(yesterday)")
        for name in ["report.html", "report.xml", "findings.csv", "findings.json", "events.csv.gz", "assessment-results.json", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(pack)/\(name)"), "\(name) is missing")
        }
        let fresh = try await runner.run(["verify", "--pack", pack])
        #expect(fresh.status == 0, "\(fresh.output)")
        #expect(fresh.stdout.contains("pack verified"))

        // --config names the warehouse the pack's chain head is checked against, as --warehouse does.
        #expect(try await runner.run(["verify", "--pack", pack, "--config", folder.path("partner-audit.yml")]).status == 0)
        try folder.write("other.yml", "warehouse: \(folder.path("other.sqlite"))\n")
        do { _ = try Warehouse(path: folder.path("other.sqlite")) }
        let elsewhere = try await runner.run(["verify", "--pack", pack, "--config", folder.path("other.yml")])
        #expect(elsewhere.status == 4, "\(elsewhere.output)")
        #expect(elsewhere.stdout.contains("not the chain head"))

        let target = URL(fileURLWithPath: "\(pack)/report.xml")
        var bytes = try Data(contentsOf: target)
        bytes[bytes.count / 3] ^= 0x20
        try bytes.write(to: target)
        let tampered = try await runner.run(["verify", "--pack", pack])
        #expect(tampered.status == 4, "\(tampered.output)")
        #expect(tampered.stdout.contains("report.xml"))
        #expect(!tampered.stdout.contains("findings.csv"))
    }
}
