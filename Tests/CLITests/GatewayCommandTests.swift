import Foundation
import GRDB
import PartnerAuditCore
import Simulator
import Testing

@Suite("extract reads partner gateway access logs", .serialized)
struct GatewayCommandTests {
    /// Valid lines written: `lines` less one in every 997 (bad) and the torn last one.
    static let lines = 60_000

    @Test("extract killed with SIGKILL mid-file, then restarted, stores exactly what an uninterrupted run stores")
    func killNineMidFile() async throws {
        let (folder, simulator) = try await servedOrganization(dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let expected = try Self.writeLog(folder.path("access.log"))
        try Self.configureGateway(folder)
        let runner = authenticatedRunner(folder)
        let warehouse = folder.path("warehouse.sqlite")
        // The organisation's days, not a first run's 90: the audit log's part stays small, the gateway file is read whole.
        let since = Timestamp.format(Date().addingTimeInterval(-4 * 86_400))
        var kills = 0
        for _ in 1...3 {
            // Another run only while far more remains than it reads before its kill: a run begun
            // near the end can read the rest of the file before the kill lands.
            let before = await Self.linesRead(warehouse)
            guard before + 24_000 < expected.read else { break }
            let command = try await runner.start(["extract", "--since", since])
            let deadline = Date().addingTimeInterval(120)
            while await Self.linesRead(warehouse) < before + 8_000, Date() < deadline, command.process.isRunning {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
            if command.process.isRunning {
                kill(command.processIdentifier, SIGKILL)
                kills += 1
            }
            _ = await command.wait()
        }
        let partial = await Self.linesRead(warehouse)
        #expect(kills >= 1 && partial > 0 && partial < expected.read, "a kill landed mid-file (\(partial) of \(expected.read) lines read)")
        let finish = try await runner.run(["extract", "--since", since])
        #expect(finish.status == 0, "\(finish.stderr)")
        let reference = try await runner.run(["extract", "--since", since, "--warehouse", folder.path("reference.sqlite")])
        #expect(reference.status == 0, "\(reference.stderr)")

        let killedIDs = try await Self.gatewayIDs(warehouse)
        let cleanIDs = try await Self.gatewayIDs(folder.path("reference.sqlite"))
        #expect(killedIDs.count == expected.stored)
        #expect(killedIDs == cleanIDs)
        let files = try await DatabaseQueue(path: warehouse).read { db -> [Int] in
            guard let row = try Row.fetchOne(db, sql: "SELECT lines_read, stored, rejected FROM gateway_files") else { return [] }
            return [row["lines_read"], row["stored"], row["rejected"]]
        }
        #expect(files == [expected.read, expected.stored, expected.rejected])
        #expect(try await runner.run(["verify"]).status == 0)
        // A second run adds nothing.
        let again = try await runner.run(["extract"])
        #expect(again.stdout.contains("gateway:  0 new requests"), "\(again.stdout)")
    }

    @Test("A live organisation's gateway logs in two presets, rotated, torn and with bad lines: each request stored once, a second run adds none, a rotation adds exactly the new lines; ER-1, ER-2 and AL-4 on the planted clients from gateway traffic")
    func twoPresetsEndToEnd() async throws {
        var served: SimulatedOrganization?
        let (folder, simulator) = try await servedOrganization(scale: 4_000, days: 10, dialect: .live) { served = $0 }
        defer { Task { await simulator.shutdown() } }
        let organization = try #require(served)
        try folder.write("policy.yml", organization.policyYAML)
        // The same partner calls as Kong and Envoy log them: the request id (and the request) makes them one.
        let moment = Date()
        let kong = try organization.writeGatewayLog(to: folder.path("kong"), format: .kong, visibleAt: moment)
        let envoy = try organization.writeGatewayLog(to: folder.path("envoy"), format: .envoy, visibleAt: moment)
        #expect(kong.requests == envoy.requests && kong.requests > 100)
        let configuration = try String(contentsOfFile: folder.path("partner-audit.yml"), encoding: .utf8)
        try folder.write("partner-audit.yml", configuration + """

            policy: \(folder.path("policy.yml"))
            gateway:
              - path: \(folder.path("kong/access.log*"))
                format: kong
              - path: \(folder.path("envoy/access.log*"))
                format: envoy
            """)
        let runner = authenticatedRunner(folder)
        let first = try await runner.run(["extract"])
        #expect(first.status == 0, "\(first.stderr)")
        let warehouse = folder.path("warehouse.sqlite")
        // Every complete request once (not the torn last one); the four malformed lines (two a file) rejected.
        let stored = try await Self.gatewayIDs(warehouse).count
        #expect(stored == kong.requests, "\(stored) stored of \(kong.requests) requests written: \(first.stdout)")
        #expect(first.stdout.contains("\(kong.malformed + envoy.malformed) rejected"), "\(first.stdout)")
        let again = try await runner.run(["extract"])
        #expect(again.stdout.contains("gateway:  0 new requests"), "\(again.stdout)")

        // The torn line completed, then rotated, and three new requests in a new file.
        let torn = try String(contentsOfFile: folder.path("kong/access.log"), encoding: .utf8).split(separator: "\n").last ?? ""
        let whole = try #require(organization.partnerCallLines(.kong, visibleAt: moment).last)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path("kong/access.log")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((String(whole.dropFirst(torn.count)) + "\n").utf8))
        try handle.close()
        try FileManager.default.moveItem(atPath: folder.path("kong/access.log"), toPath: folder.path("kong/access.log.0"))
        let now = Timestamp.milliseconds(Date())
        let fresh = (1...3).map { n in
            #"{"request":{"id":"new-\#(n)","method":"GET","uri":"/api/v2/users"},"response":{"status":200},"client_ip":"34.10.0.\#(n)","consumer":{"custom_id":"client-new"},"started_at":\#(now - Int64(n) * 1000)}"#
        }
        try folder.write("kong/access.log", fresh.joined(separator: "\n") + "\n")
        let rotated = try await runner.run(["extract"])
        #expect(rotated.stdout.contains("gateway:  4 new requests"), "\(rotated.stdout)")
        #expect(try await Self.gatewayIDs(warehouse).count == kong.requests + 4)
        let rejected = try await DatabaseQueue(path: warehouse).read { try Int.fetchOne($0, sql: "SELECT sum(rejected) FROM gateway_files") }
        #expect(rejected == kong.malformed + envoy.malformed)

        #expect(try await runner.run(["evaluate"]).status == 0)
        let output = try await runner.run(["findings", "--format", "json"])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        try folder.write("findings.json", output.stdout)
        func fromGateway(_ rule: String) -> Set<String> {
            Set(findings.filter { finding in
                guard finding["ruleId"] as? String == rule, finding["severity"] as? String != "info", let evidence = finding["evidence"] as? [String: Any],
                      let events = evidence["events"] as? [[String: Any]] else { return false }
                // AL-4 says which list it judged against; the ER rules cite the requests.
                return rule == "AL-4" ? (finding["detail"] as? String ?? "").contains("gateway access log")
                    : events.contains { ($0["id"] as? String)?.hasPrefix(GatewayRequest.eventIDPrefix) == true }
            }.compactMap { $0["clientId"] as? String })
        }
        let planted = organization.plantedMisconfigurations
        func plantedOn(_ rule: String, primaryOnly: Bool = true) -> Set<String> {
            Set(planted.filter { $0.ruleId == rule && (!primaryOnly || $0.primary) }.map(\.clientId))
        }
        #expect(fromGateway("ER-1") == plantedOn("ER-1"))
        #expect(fromGateway("ER-2") == plantedOn("ER-2"))
        // AL-4: the planted client, the denied burst's (incidental) and the client shared with
        // another partner (its calls from that partner's networks are outside its own partner's).
        let names = Dictionary(findings.compactMap { f in (f["clientId"] as? String).map { ($0, f["clientName"] as? String ?? "") } }, uniquingKeysWith: { a, _ in a })
        #expect(fromGateway("AL-4").isSuperset(of: plantedOn("AL-4")), "\(fromGateway("AL-4").map { names[$0] ?? $0 }) \(planted)")
        #expect(fromGateway("AL-4").isSubset(of: plantedOn("AL-4", primaryOnly: false).union(plantedOn("ER-2"))), "\(fromGateway("AL-4").map { names[$0] ?? $0 }) \(planted)")
        #expect(try await runner.run(["verify"]).status == 0)
    }

    /// Writes a Kong log of `lines` lines: one in every 997 not JSON, and a torn last line.
    static func writeLog(_ path: String) throws -> (read: Int, stored: Int, rejected: Int) {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = ""
        var rejected = 0
        let start: Int64 = Timestamp.milliseconds(Date()) - 86_400_000
        for n in 1...lines {
            if n % 997 == 0 {
                chunk += "{\"started_at\": oops\n"
                rejected += 1
            } else {
                let ip = "34.10.\(n % 200).\(n % 250 + 1)"
                chunk += #"{"request":{"method":"GET","uri":"/api/v2/routing/queues/\#(n)","headers":{"user-agent":"acme-sync/2.1"}},"response":{"status":200},"client_ip":"\#(ip)","consumer":{"custom_id":"client-\#(n % 7)"},"started_at":\#(start + Int64(n) * 500)}"# + "\n"
            }
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += #"{"request":{"method":"GET","uri":"/api/v2/torn""#
        try handle.write(contentsOf: Data(chunk.utf8))
        return (lines, lines - rejected, rejected)
    }

    /// Adds a `gateway:` entry reading the folder's `access.log*` as Kong's file-log.
    static func configureGateway(_ folder: WorkingFolder) throws {
        let configuration = try String(contentsOfFile: folder.path("partner-audit.yml"), encoding: .utf8)
        try folder.write("partner-audit.yml", configuration + """

            gateway:
              - path: \(folder.path("access.log*"))
                format: kong
            """)
    }

    static func linesRead(_ path: String) async -> Int {
        guard FileManager.default.fileExists(atPath: path), let queue = try? DatabaseQueue(path: path) else { return 0 }
        return (try? await queue.read { db in
            guard try db.tableExists("gateway_file") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT coalesce(sum(lines_read), 0) FROM gateway_file") ?? 0
        }) ?? 0
    }

    static func gatewayIDs(_ path: String) async throws -> [String] {
        try await DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT id FROM event_log WHERE id LIKE 'gateway:%' ORDER BY id") }
    }
}
