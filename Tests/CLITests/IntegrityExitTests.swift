import Foundation
import GRDB
import Simulator
import Testing

@Suite("A broken chain is exit 4 from every command that finds it", .serialized)
struct IntegrityExitTests {
    /// Rows of a table, read behind the tool's back.
    private func count(_ table: String, in folder: WorkingFolder) async throws -> Int {
        let queue = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        return try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Runs `statements` on the warehouse file behind the tool's back, as an attacker with the file would.
    private func tamper(_ folder: WorkingFolder, _ statements: String...) async throws {
        let queue = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        try await queue.write { db in
            for statement in statements { try db.execute(sql: statement) }
        }
    }

    /// A served organisation after one nightly `run`, and the runner with its credentials.
    private func afterOneRun() async throws -> (WorkingFolder, RunningSimulator, CommandLineRunner) {
        let (folder, simulator) = try await servedOrganization()
        let runner = authenticatedRunner(folder)
        #expect(try await runner.run(["run"]).status == 0)
        return (folder, simulator, runner)
    }

    @Test("evaluate stores the AT-2 and exits 4; report writes the pack and exits 4; extract and run append nothing and exit 4; the cron script says so")
    func everyCommand() async throws {
        let (folder, simulator, runner) = try await afterOneRun()
        defer { Task { await simulator.shutdown() } }
        // One stored event edited: the trigger dropped, a field changed.
        try await tamper(folder, "DROP TRIGGER event_log_no_update", "UPDATE event_log SET outcome = outcome || '-edited' WHERE seq = 7")

        let evaluate = try await runner.run(["evaluate"])
        #expect(evaluate.status == 4, "\(evaluate.output)")
        #expect(evaluate.stderr.contains("INTEGRITY FAILURE") && evaluate.stderr.contains("event_log row 7"))
        let findings = try await runner.run(["findings", "--format", "json"])
        #expect(findings.stdout.contains("\"ruleId\" : \"AT-2\""), "the break is stored as a finding")
        // A --fail-on threshold does not hide it: integrity wins over exit 1.
        #expect(try await runner.run(["evaluate", "--fail-on", "info"]).status == 4)

        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let report = try await runner.run(["report", "--period", today, "--out", folder.path("pack")])
        #expect(report.status == 4, "\(report.output)")
        #expect(FileManager.default.fileExists(atPath: folder.path("pack/report.html")), "the pack that shows the break is written")

        let runs = try await count("extraction_run", in: folder)
        let evaluations = try await count("evaluation_run", in: folder)
        let extract = try await runner.run(["extract"])
        #expect(extract.status == 4, "\(extract.output)")
        #expect(extract.stderr.contains("Nothing was extracted"))
        let run = try await runner.run(["run"])
        #expect(run.status == 4, "\(run.output)")
        #expect(try await count("extraction_run", in: folder) == runs, "nothing is appended to a broken chain")
        #expect(try await count("evaluation_run", in: folder) == evaluations, "run stores no findings either")

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/nightly").standardized
        var cron = runner
        cron.environment["PARTNER_AUDIT"] = CommandLineRunner.binary.path
        let nightly = try await cron.run(script: script.path, [folder.path("partner-audit.yml")])
        #expect(nightly.status == 4, "\(nightly.output)")
        #expect(nightly.stderr.contains("INTEGRITY FAILURE") && nightly.stderr.contains("until an operator acts"))
    }

    @Test("A finding deleted behind the tool's back: evaluate, report and run exit 4 and do not write it again, so verify still fails")
    func deletedFindingIsNotLaundered() async throws {
        let (folder, simulator, runner) = try await afterOneRun()
        defer { Task { await simulator.shutdown() } }
        let queue = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        let gone = try await queue.write { db in
            let trigger = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'ledger_finding_no_delete'"))
            let fingerprint = try #require(try String.fetchOne(db, sql: "SELECT fingerprint FROM finding WHERE rule_id != 'AT-2' ORDER BY rowid LIMIT 1"))
            try db.execute(sql: "DROP TRIGGER ledger_finding_no_delete")
            try db.execute(sql: "DELETE FROM finding WHERE fingerprint = ?", arguments: [fingerprint])
            try db.execute(sql: trigger)
            return fingerprint
        }
        #expect(try await runner.run(["verify"]).status == 4)

        let evaluate = try await runner.run(["evaluate"])
        #expect(evaluate.status == 4, "\(evaluate.output)")
        #expect(evaluate.stderr.contains("is gone"), "\(evaluate.stderr)")
        let verify = try await runner.run(["verify"])
        #expect(verify.status == 4 && verify.output.contains(gone), "evaluate wrote the deleted finding again: \(verify.output)")
        #expect(try await count("finding", in: folder) > 0)
        #expect(try await queue.read { db in try String.fetchOne(db, sql: "SELECT fingerprint FROM finding WHERE fingerprint = ?", arguments: [gone]) } == nil)

        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(try await runner.run(["report", "--period", today, "--out", folder.path("pack")]).status == 4)
        #expect(try await runner.run(["run"]).status == 4)
        #expect(try await runner.run(["evaluate"]).status == 4, "a second evaluation does not launder it either")
        #expect(try await runner.run(["verify"]).status == 4)
    }

    @Test("A tampered row the rules cannot even read (a client's JSON cut short) is still an integrity failure, exit 4, not a source failure")
    func unreadableTamperedRow() async throws {
        let (folder, simulator, runner) = try await afterOneRun()
        defer { Task { await simulator.shutdown() } }
        try await tamper(folder, "DROP TRIGGER ledger_client_snapshot_update", "UPDATE client_snapshot SET raw_json = '{' WHERE valid_to IS NULL")
        let evaluations = try await count("evaluation_run", in: folder)
        let evaluate = try await runner.run(["evaluate"])
        #expect(evaluate.status == 4, "\(evaluate.output)")
        #expect(evaluate.stderr.contains("INTEGRITY FAILURE") && evaluate.stderr.contains("Nothing was evaluated or stored"))
        #expect(try await count("evaluation_run", in: folder) == evaluations)
    }

    @Test("Values of a kind the tool never writes (a client's name as bytes that are not UTF-8, a finding's title as such bytes too): evaluate, report and findings exit 4 naming them, where the readers trapped")
    func valuesOfAnotherKind() async throws {
        let (folder, simulator, runner) = try await afterOneRun()
        defer { Task { await simulator.shutdown() } }
        try await tamper(folder, "DROP TRIGGER ledger_client_snapshot_update", "UPDATE client_snapshot SET name = X'FF' WHERE valid_to IS NULL",
                         "DROP TRIGGER ledger_finding_update", "UPDATE finding SET title = X'FF'")
        let evaluations = try await count("evaluation_run", in: folder)
        for command in [["evaluate"], ["report", "--period", "2026-12", "--format", "xml"], ["findings"]] {
            let result = try await runner.run(command)
            #expect(result.status == 4, "\(command): \(result.output)")
            #expect(result.stderr.contains("holds a blob value"), "\(command): \(result.stderr)")
        }
        #expect(try await count("evaluation_run", in: folder) == evaluations)
    }

    @Test("A trigger planted beside the tool's own is an integrity failure before anything is extracted or evaluated")
    func plantedTrigger() async throws {
        let (folder, simulator, runner) = try await afterOneRun()
        defer { Task { await simulator.shutdown() } }
        try await tamper(folder, "CREATE TRIGGER zz AFTER INSERT ON evaluation_run BEGIN UPDATE client_snapshot SET scopes_json = '[]' WHERE valid_to IS NULL; END")
        let verify = try await runner.run(["verify"])
        #expect(verify.status == 4, "\(verify.output)")
        #expect(verify.stdout.contains("the schema holds a trigger 'zz' this version never creates"))
        #expect(try await runner.run(["extract"]).status == 4)
        let evaluate = try await runner.run(["evaluate"])
        #expect(evaluate.status == 4, "\(evaluate.output)")
        #expect(evaluate.stderr.contains("trigger 'zz'"))
    }
}
