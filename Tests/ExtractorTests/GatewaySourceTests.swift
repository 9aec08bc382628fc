import Extractor
import Foundation
import GRDB
import PartnerAuditCore
import Testing
import Warehouse

/// The gateway source stores each request exactly once, whatever the files do (issue 13, item 2).
@Suite("Gateway access logs: exactly once, whatever the files do")
struct GatewaySourceTests {
    @Test("A file read again stores nothing; new lines appended are the only ones added")
    func readAgain() async throws {
        let folder = try GatewayLogFolder()
        try folder.append("access.log", folder.kongLines(10))
        let first = try await folder.ingest()
        #expect(first.itemsSeen == 10 && first.itemsStored == 10)
        let again = try await folder.ingest()
        #expect(again.itemsSeen == 0 && again.itemsStored == 0)
        try folder.append("access.log", folder.kongLines(3))
        let more = try await folder.ingest()
        #expect(more.itemsSeen == 3 && more.itemsStored == 3)
        #expect(try await folder.eventCount() == 13)
        let verification = try await folder.warehouse.verifyChain()
        #expect(verification.firstBreak == nil && verification.rows == 13)
    }

    @Test("A torn last line is left until its newline comes, then read once")
    func tornLastLine() async throws {
        let folder = try GatewayLogFolder()
        let lines = folder.kongLines(4)
        let cut = lines.index(lines.endIndex, offsetBy: -40)
        try folder.append("access.log", String(lines[..<cut]))
        #expect(try await folder.ingest().itemsStored == 3)
        let state = try #require(try await folder.warehouse.gatewayFiles().first)
        #expect(state.line == 3 && Int(state.position) == lines.utf8.split(separator: 10, omittingEmptySubsequences: false).prefix(3).reduce(0) { $0 + $1.count + 1 })
        try folder.append("access.log", String(lines[cut...]))
        #expect(try await folder.ingest().itemsStored == 1)
        #expect(try await folder.eventCount() == 4)
    }

    @Test("Rotation access.log → access.log.1 → access.log.2.gz stores exactly the new lines, each once")
    func rotation() async throws {
        let folder = try GatewayLogFolder()
        try folder.append("access.log", folder.kongLines(20))
        #expect(try await folder.ingest().itemsStored == 20)
        // Rotated; the writer still appends two lines to the old file before it reopens; a new file begins.
        try folder.rename("access.log", to: "access.log.1")
        try folder.append("access.log.1", folder.kongLines(2))
        try folder.append("access.log", folder.kongLines(5))
        let second = try await folder.ingest()
        #expect(second.itemsStored == 7 && second.pages == 2)
        // Rotated again, the old one compressed (its torn-free content the same bytes).
        try await folder.gzip("access.log.1", to: "access.log.2.gz")
        try folder.rename("access.log", to: "access.log.1")
        try folder.append("access.log", folder.kongLines(4))
        let third = try await folder.ingest()
        #expect(third.itemsStored == 4 && third.itemsSeen == 4)
        #expect(try await folder.eventCount() == 31)
        // Two identities (the first file, the second), and a third for the newest.
        #expect(try await folder.warehouse.gatewayFiles().count == 3)
        #expect(try await folder.ingest().itemsStored == 0)
    }

    @Test("A compressed file read first, then its plain original, stores each line once; a .gz whose last line has no newline gives it")
    func compressedFirst() async throws {
        let folder = try GatewayLogFolder()
        let text = folder.kongLines(6)
        try folder.append("access.log.1", String(text.dropLast()))
        try await folder.gzip("access.log.1", to: "access.log.1.gz")
        #expect(try await folder.ingest().itemsStored == 6, "a gzip file that ended properly is final: its last line counts")
        try folder.append("access.log", text)
        #expect(try await folder.ingest().itemsStored == 0)
        #expect(try await folder.eventCount() == 6)
    }

    @Test("A file truncated and rewritten is read as new from its start; one shorter than its position too")
    func truncatedOrReplaced() async throws {
        let folder = try GatewayLogFolder()
        try folder.append("access.log", folder.kongLines(8))
        #expect(try await folder.ingest().itemsStored == 8)
        // copytruncate: emptied in place, then new requests.
        try Data().write(to: URL(fileURLWithPath: folder.path("access.log")))
        try folder.append("access.log", folder.kongLines(3))
        #expect(try await folder.ingest().itemsStored == 3)
        // The same first line but shorter than the position: read again from the start; the line
        // already stored stores nothing, the new one is stored.
        let lines = try String(contentsOfFile: folder.path("access.log"), encoding: .utf8).split(separator: "\n")
        try Data().write(to: URL(fileURLWithPath: folder.path("access.log")))
        try folder.append("access.log", lines[0] + "\n" + folder.kongLines(1))
        let shorter = try await folder.ingest()
        #expect(shorter.itemsSeen == 2 && shorter.itemsStored == 1)
        #expect(try await folder.eventCount() == 12)
    }

    @Test("Bad lines are stored nowhere, counted per file and the first named with file and line; gateway_files shows them")
    func badLines() async throws {
        let folder = try GatewayLogFolder()
        let good = GatewayLogFolder.kongLine(1, client: "client-acme-prod", ip: "34.10.0.5")
        let text = [
            good,
            "this is not json",
            GatewayLogFolder.kongLine(2, client: "client-acme-prod", ip: "34.10.0.300"),
            #"{"request":{"method":"GET","uri":"/"},"response":{"status":200},"client_ip":"34.10.0.5","started_at":1790812800000}"#,
            "",
            GatewayLogFolder.kongLine(3, client: "client-acme-prod", ip: "34.10.0.5").replacingOccurrences(of: "1790812803000", with: "\"soon\""),
            GatewayLogFolder.kongLine(4, client: "client-acme-prod", ip: "34.10.0.5"),
        ].joined(separator: "\n") + "\n"
        try folder.append("access.log", text)
        let summary = try await folder.ingest()
        #expect(summary.itemsSeen == 6 && summary.itemsStored == 2 && summary.itemsRejected == 4)
        #expect(summary.rejections.first?.hasPrefix("\(folder.path("access.log")):2: not JSON") == true)
        #expect(summary.rejections.map { $0.split(separator: ":")[1] } == ["2", "3", "4", "6"])
        #expect(summary.rejections[1].hasSuffix("bad source address '34.10.0.300'"))
        #expect(summary.rejections[2].contains("no clientId"))
        #expect(summary.rejections[3].contains("bad timestamp 'soon'"))
        let queue = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        let row = try #require(try await queue.read { try Row.fetchOne($0, sql: "SELECT path, identity, lines_read, stored, rejected, last_position FROM gateway_files") })
        let counts: [Int] = [row["lines_read"], row["stored"], row["rejected"]]
        #expect(counts == [6, 2, 4])
        let position: Int64 = row["last_position"]
        #expect(position == Int64(text.utf8.count))
        #expect((row["path"] as String) == folder.path("access.log"))
        #expect((row["identity"] as String).count == 64)
        let verification = try await folder.warehouse.verifyChain()
        #expect(verification.firstBreak == nil, "the row ledger governs gateway_file")
    }

    @Test("Batches commit with the position: small batches store the same as one, and the request id dedupes a request logged twice")
    func batchesAndRequestIDs() async throws {
        let folder = try GatewayLogFolder()
        let text = folder.kongLines(25, requestIDs: true)
        try folder.append("access.log", text)
        #expect(try await folder.ingest(batchLines: 4).windows == 7)
        // Another gateway logged the same requests (another file, another first line order).
        let reversed = text.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        try folder.append("mirror.log", reversed)
        #expect(try await folder.ingest("mirror.log").itemsStored == 0)
        #expect(try await folder.eventCount() == 25)
        let ids = try await folder.warehouse.eventIDs()
        #expect(ids.allSatisfy { $0.hasPrefix(GatewayRequest.eventIDPrefix) && $0.count == GatewayRequest.eventIDPrefix.count + 32 })
    }

    @Test("A batch whose commit fails stores neither it nor the batches queued behind it; the next run resumes after the last one stored")
    func failedCommitStopsTheQueue() async throws {
        let folder = try GatewayLogFolder()
        try folder.append("access.log", folder.kongLines(30))
        // The fourth batch's commit fails (its state would move to line 15), with the fifth queued behind it.
        let tamperer = try DatabaseQueue(path: folder.path("warehouse.sqlite"))
        try await tamperer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER planted_failure BEFORE UPDATE ON gateway_file WHEN NEW.line = 15
                BEGIN SELECT RAISE(ABORT, 'planted failure'); END
                """)
        }
        await #expect(throws: (any Error).self) { try await folder.ingest(batchLines: 3) }
        #expect(try await folder.eventCount() == 12)
        #expect(try await folder.warehouse.gatewayFiles().first?.line == 12)
        try await tamperer.write { try $0.execute(sql: "DROP TRIGGER planted_failure") }
        let resumed = try await folder.ingest(batchLines: 3)
        #expect(resumed.itemsSeen == 18 && resumed.itemsStored == 18)
        #expect(try await folder.eventCount() == 30)
        let state = try #require(try await folder.warehouse.gatewayFiles().first)
        #expect(state.line == 30 && state.linesStored == 30)
        #expect(try await folder.warehouse.verifyChain().firstBreak == nil)
    }
}
