import Crypto
import Foundation
import GRDB
import Testing
import Warehouse

@Suite("Smaller hardening: the lock, read-only verify, periods, damaged files, demo's folder, query time", .serialized)
struct HardeningTests {
    private func sha256(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    /// How an attacker plants a file at the lock's path that names another file.
    enum PlantedLock: String, CaseIterable, CustomTestStringConvertible {
        case symbolicLink = "symbolic link", hardLink = "hard link"
        var testDescription: String { rawValue }

        func plant(_ target: String, at path: String) throws {
            switch self {
            case .symbolicLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            case .hardLink: try #require(link(target, path) == 0, "cannot link \(path)")
            }
        }
    }

    @Test("A symbolic or hard link planted at the lock's path is refused; the file it names is untouched", arguments: PlantedLock.allCases)
    func lockRefusesLinks(planted: PlantedLock) async throws {
        let folder = try WorkingFolder()
        try folder.write("precious.txt", "do not truncate me\n")
        try planted.plant(folder.path("precious.txt"), at: folder.path("warehouse.sqlite.lock"))
        try folder.write("partner-audit.yml", "warehouse: \(folder.path("warehouse.sqlite"))\nsource:\n  apiURL: http://127.0.0.1:9\n")
        var runner = CommandLineRunner(directory: folder.url)
        runner.environment = ["PARTNER_AUDIT_CLIENT_ID": "id", "PARTNER_AUDIT_CLIENT_SECRET": "secret"]
        for command in ["run", "extract"] {
            let result = try await runner.run([command])
            #expect(result.status == 2, "\(command): \(result.output)")
            #expect(result.stderr.contains(planted.rawValue))
        }
        #expect(try String(contentsOfFile: folder.path("precious.txt"), encoding: .utf8) == "do not truncate me\n")
    }

    @Test("scripts/nightly stops a run still going after MAX_HOURS and says so; the next run resumes")
    func nightlyTimeLimit() async throws {
        // Every request answered after 2 s: a source slow enough that the run outlasts a limit of about 3.6 s.
        let (folder, simulator) = try await servedOrganization(faults: "slow=1")
        defer { Task { await simulator.shutdown() } }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/nightly").standardized
        var cron = authenticatedRunner(folder)
        cron.environment["PARTNER_AUDIT"] = CommandLineRunner.binary.path
        cron.environment["MAX_HOURS"] = "0.001"
        let started = Date()
        let nightly = try await cron.run(script: script.path, [folder.path("partner-audit.yml")])
        #expect(nightly.status == 124, "\(nightly.output)")
        #expect(nightly.stderr.contains("stopped after 0.001 h (MAX_HOURS)"))
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test("extract takes the run lock: while another process holds it, extract exits 5 at once")
    func extractTakesTheLock() async throws {
        let folder = try WorkingFolder()
        try folder.write("partner-audit.yml", "warehouse: \(folder.path("warehouse.sqlite"))\nsource:\n  apiURL: http://127.0.0.1:9\n")
        let descriptor = open(folder.path("warehouse.sqlite.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        var runner = CommandLineRunner(directory: folder.url)
        runner.environment = ["PARTNER_AUDIT_CLIENT_ID": "id", "PARTNER_AUDIT_CLIENT_SECRET": "secret"]
        let result = try await runner.run(["extract"])
        #expect(result.status == 5, "\(result.output)")
    }

    @Test("verify opens the warehouse read-only: the file's bytes do not change; at most SQLite's empty WAL and its index appear")
    func verifyIsReadOnly() async throws {
        let folder = try WorkingFolder()
        let path = folder.path("warehouse.sqlite")
        do { _ = try Warehouse(path: path) }
        let before = try sha256(path)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        let result = try await CommandLineRunner(directory: folder.url).run(["verify", "--warehouse", path])
        #expect(result.status == 0, "\(result.output)")
        #expect(try sha256(path) == before)
        let added = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path)).subtracting(files)
        #expect(added.isSubset(of: ["warehouse.sqlite-wal", "warehouse.sqlite-shm"]), "\(added)")
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "verify wrote to the WAL")

        let other = try DatabaseQueue(path: folder.path("other.sqlite"))
        try await other.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let notOurs = try await CommandLineRunner(directory: folder.url).run(["verify", "--warehouse", folder.path("other.sqlite")])
        #expect(notOurs.status == 2 && notOurs.stderr.contains("not a PartnerAudit warehouse"), "\(notOurs.output)")
    }

    @Test("A period that has not begun is a usage error, not a pack reaching back to 1970", arguments: ["9999-12", "2999-Q1"])
    func futurePeriod(period: String) async throws {
        let folder = try WorkingFolder()
        let result = try await CommandLineRunner(directory: folder.url).run(["report", "--period", period])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("has not begun"))
    }

    @Test("A damaged warehouse is exit 4 from verify, evaluate and findings", arguments: ["not a database", "damaged page"])
    func damagedWarehouse(damage: String) async throws {
        let folder = try WorkingFolder()
        let path = folder.path("warehouse.sqlite")
        if damage == "not a database" {
            try folder.write("warehouse.sqlite", String(repeating: "this is not SQLite ", count: 400))
        } else {
            do {
                let warehouse = try Warehouse(path: path)
                _ = try await warehouse.findings()
            }
            // Overwrite every page after the first with noise: the schema's tables point into garbage.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])  // the header's page size, big-endian
            for index in pageSize..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        let runner = CommandLineRunner(directory: folder.url)
        for command in [["verify"], ["evaluate"], ["findings"]] {
            let result = try await runner.run(command + ["--warehouse", path])
            #expect(result.status == 4, "\(command) \(damage): \(result.output)")
            #expect(result.stderr.contains("INTEGRITY FAILURE"), "\(command) \(damage): \(result.stderr)")
        }
    }

    @Test("demo leaves a warehouse in --out that no demo made, unless --force")
    func demoKeepsForeignWarehouse() async throws {
        let folder = try WorkingFolder()
        try FileManager.default.createDirectory(atPath: folder.path("prod"), withIntermediateDirectories: true)
        try folder.write("prod/warehouse.sqlite", "the production warehouse")
        let result = try await CommandLineRunner(directory: folder.url).run(["demo", "--out", folder.path("prod")])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("--force"))
        #expect(try String(contentsOfFile: folder.path("prod/warehouse.sqlite"), encoding: .utf8) == "the production warehouse")

        // An operator's policy alone is left too (second red-team pass).
        try FileManager.default.createDirectory(atPath: folder.path("etc"), withIntermediateDirectories: true)
        try folder.write("etc/policy.yml", "lookbackDays: 30\n")
        let policy = try await CommandLineRunner(directory: folder.url).run(["demo", "--out", folder.path("etc")])
        #expect(policy.status == 2 && policy.stderr.contains("policy.yml exists and no demo made it"), "\(policy.output)")
        #expect(try String(contentsOfFile: folder.path("etc/policy.yml"), encoding: .utf8) == "lookbackDays: 30\n")
        // The live demo writes its gateway logs into --out/gateway anew: a gateway folder no demo made stays.
        try FileManager.default.createDirectory(atPath: folder.path("edge/gateway"), withIntermediateDirectories: true)
        try folder.write("edge/gateway/access.log.1", "{}\n")
        let gateway = try await CommandLineRunner(directory: folder.url).run(["demo", "--dialect", "live", "--out", folder.path("edge")])
        #expect(gateway.status == 2 && gateway.stderr.contains("gateway exists and no demo made it"), "\(gateway.output)")
        #expect(FileManager.default.fileExists(atPath: folder.path("edge/gateway/access.log.1")))
    }

    @Test("query stops a statement still running after --timeout and says so")
    func queryTimeout() async throws {
        let folder = try WorkingFolder()
        do { _ = try Warehouse(path: folder.path("warehouse.sqlite")) }
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        let started = Date()
        let result = try await CommandLineRunner(directory: folder.url).run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--timeout", "1", endless])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("stopped after"))
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
