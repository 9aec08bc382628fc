import Foundation
import GRDB
import PartnerAuditCore
import Testing

@Suite("extract reads partner gateway access logs", .serialized)
struct GatewayCommandTests {
    /// Valid lines written: `lines` less one in every 997 (bad) and the torn last one.
    static let lines = 120_000

    @Test("extract killed with SIGKILL mid-file, then restarted, stores exactly what an uninterrupted run stores")
    func killNineMidFile() async throws {
        let (folder, simulator) = try await servedOrganization(dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let expected = try Self.writeLog(folder.path("access.log"))
        try Self.configureGateway(folder)
        let runner = authenticatedRunner(folder)
        let warehouse = folder.path("warehouse.sqlite")
        var kills = 0
        for _ in 1...3 {
            let before = await Self.linesRead(warehouse)
            guard before < expected.read else { break }
            let command = try runner.start(["extract"])
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
        let finish = try await runner.run(["extract"])
        #expect(finish.status == 0, "\(finish.stderr)")
        let reference = try await runner.run(["extract", "--warehouse", folder.path("reference.sqlite")])
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
