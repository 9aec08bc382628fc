import Foundation
import GRDB
import Logging
import PartnerAuditCore
import Simulator
import Testing

@Suite("extract, verify and query through the binary", .serialized)
struct ExtractCommandTests {
    @Test("Wrong credentials exit 3 and the secret appears nowhere in the output or the warehouse")
    func wrongCredentials() async throws {
        let (folder, simulator) = try await servedOrganization()
        defer { Task { await simulator.shutdown() } }
        let secret = "not-the-secret-4hT9"
        let result = try await authenticatedRunner(folder, secret: secret).run(["extract"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("refused the client credentials"))
        #expect(!result.output.contains(secret))
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: folder.path("warehouse.sqlite") + suffix) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }
    }

    @Test("query refuses DELETE with exit 2; verify names a row edited behind the tool's back with exit 4")
    func queryAndVerify() async throws {
        let (folder, simulator) = try await servedOrganization()
        defer { Task { await simulator.shutdown() } }
        let extract = try await authenticatedRunner(folder).run(["extract"])
        #expect(extract.status == 0, "\(extract.stderr)")
        #expect(try await authenticatedRunner(folder).run(["verify"]).status == 0)

        let delete = try await authenticatedRunner(folder).run(["query", "DELETE FROM event_log"])
        #expect(delete.status == 2)
        #expect(delete.stderr.contains("read-only"))

        let json = try await authenticatedRunner(folder).run(["query", "SELECT id, actor_type FROM events ORDER BY timestamp LIMIT 2", "--format", "json"])
        #expect(json.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 2)

        let queue = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        let victim = try await queue.write { db -> String in
            try db.execute(sql: "DROP TRIGGER event_log_no_update")
            try db.execute(sql: "UPDATE event_log SET outcome = outcome || '-edited' WHERE seq = 42")
            return try String.fetchOne(db, sql: "SELECT id FROM event_log WHERE seq = 42") ?? ""
        }
        let verify = try await authenticatedRunner(folder).run(["verify"])
        #expect(verify.status == 4)
        #expect(verify.stdout.contains("row 42 (event \(victim))"))
    }

    /// Windows committed so far (0 before the warehouse exists or while it is being created).
    private static func committedWindows(_ path: String) async -> Int {
        guard FileManager.default.fileExists(atPath: path), let queue = try? DatabaseQueue(path: path) else { return 0 }
        return (try? await queue.read { db in
            guard try db.tableExists("extraction_window") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM extraction_window WHERE status = 'complete'") ?? 0
        }) ?? 0
    }

    @Test("extract killed with SIGKILL at random moments (mid cursor paging in the live dialect), then restarted, stores exactly what an uninterrupted run stores",
          arguments: SourceDialect.allCases)
    func killNineAndRestart(dialect: SourceDialect) async throws {
        // Live: small pages, so the kills land while a query's results are being paged by cursor. Day windows, so each
        // resumed run's first read still holds more windows than the kill waits for: the reads beside it are read
        // ahead and committed in a burst once it ends, which a kill waiting for a few windows could otherwise miss.
        let (folder, simulator) = try await servedOrganization(
            scale: 15_000, days: 90, windowHours: 24, faults: "5xx=0.02", dialect: dialect, pageSize: dialect == .live ? 50 : 100)
        defer { Task { await simulator.shutdown() } }
        let runner = authenticatedRunner(folder)
        let warehouse = folder.path("warehouse.sqlite")
        // The API Usage service's days before yesterday are final for every run of the test.
        let yesterday = TimeBucket.day.label(of: Timestamp.milliseconds(Date()) - .day)
        for round in 1...4 {
            let before = await Self.committedWindows(warehouse)
            let command = try await runner.start(["extract"])
            // Kill once this run has committed a few windows, at an arbitrary moment in the next one.
            let deadline = Date().addingTimeInterval(60)
            while await Self.committedWindows(warehouse) < before + round * 2, Date() < deadline, command.process.isRunning {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
            kill(command.processIdentifier, SIGKILL)
            _ = await command.wait()
        }
        let interrupted = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        let partial = try await interrupted.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event_log") ?? 0 }
        let killedRuns = try await interrupted.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM extraction_run WHERE status = 'running'") ?? 0 }
        #expect(killedRuns >= 1, "at least one run was killed mid-way")
        let finish = try await runner.run(["extract"])
        #expect(finish.status == 0, "\(finish.stderr)")
        let reference = try await runner.run(["extract", "--warehouse", folder.path("reference.sqlite")])
        #expect(reference.status == 0)

        let killed = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        let clean = try DatabaseQueue(path: folder.path("reference.sqlite"))
        let killedIDs = try await killed.read { try String.fetchAll($0, sql: "SELECT id FROM event_log ORDER BY id") }
        let cleanIDs = try await clean.read { try String.fetchAll($0, sql: "SELECT id FROM event_log ORDER BY id") }
        // The live audit log records no API requests, most of the guide's 15,000: its tokens, admin changes and the rest remain.
        #expect(killedIDs.count >= (dialect == .live ? 2_500 : 15_000))
        #expect(partial > 0 && partial < killedIDs.count, "the kills landed after some windows were committed and before the end")
        #expect(killedIDs == cleanIDs)
        if dialect == .live {
            // The usage service, read beside the audit log and killed with it: its final days as the uninterrupted run stores them, each row once.
            let finalDays = "SELECT client_id, template_uri, method, day, requests FROM api_usage_row WHERE day < ? ORDER BY client_id, template_uri, method, day"
            let killedUsage = try await killed.read { try Row.fetchAll($0, sql: finalDays, arguments: [yesterday]).map(\.description) }
            let cleanUsage = try await clean.read { try Row.fetchAll($0, sql: finalDays, arguments: [yesterday]).map(\.description) }
            #expect(!cleanUsage.isEmpty)
            #expect(killedUsage == cleanUsage)
        }
        #expect(try await runner.run(["verify"]).status == 0)
    }

    @Test("Attacker-shaped client fields come out of `findings --format json` as the very same strings")
    func hostileStringsSurviveFindingsJSON() async throws {
        let hostile = "</script><script>alert('x')</script>\"'&<img src=x onerror=alert(1)> ∑ \u{2028}"
        let (folder, simulator) = try await servedOrganization { organization in
            guard let victim = organization.clients.first(where: { $0.name.hasPrefix("Partner-Integration-Prod-") }) else { return }
            _ = organization.updateClient(id: victim.id) { $0.name = hostile }
        }
        defer { Task { await simulator.shutdown() } }
        #expect(try await authenticatedRunner(folder).run(["extract"]).status == 0)
        #expect(try await authenticatedRunner(folder).run(["evaluate"]).status == 0)
        let output = try await authenticatedRunner(folder).run(["findings", "--format", "json"])
        #expect(output.status == 0)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        let about = findings.filter { ($0["clientName"] as? String) == hostile }
        #expect(about.contains { ($0["ruleId"] as? String) == "ER-4" })
        let keys = Set(findings.first?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["ruleId", "category", "severity", "clientId", "clientName", "partner", "environment", "title",
                                     "detail", "evidence", "controls", "remediation", "status", "firstSeen", "lastSeen", "fingerprint"]))
        let csv = try await authenticatedRunner(folder).run(["findings", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
    }

    @Test("run twice at once: the second exits 5 at once and the first completes")
    func runHoldsTheLock() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 15_000, days: 90, windowHours: 24)
        defer { Task { await simulator.shutdown() } }
        let first = try await authenticatedRunner(folder).start(["run"])
        let lockFile = folder.path("warehouse.sqlite.lock")
        let deadline = Date().addingTimeInterval(30)
        while (try? String(contentsOfFile: lockFile, encoding: .utf8))?.isEmpty ?? true, Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let second = try await authenticatedRunner(folder).run(["run"])
        #expect(second.status == 5)
        #expect(second.stderr.contains("another run holds the warehouse lock"))
        let firstResult = await first.wait()
        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        #expect(firstResult.stderr.contains("run: extract:"))
        #expect(firstResult.stderr.contains("run: evaluate:"))
        #expect(try await authenticatedRunner(folder).run(["run"]).status == 0, "the lock is released when a run ends")
    }
}
