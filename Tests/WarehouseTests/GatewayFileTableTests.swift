import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("gateway_file and v9-gateway-files: a gateway batch's window seals the chain but is not audit-log coverage")
struct GatewayFileTableTests {
    @Test("A v8 warehouse migrates to v9: its windows are the audit log's, coverage is unchanged, a gateway batch is not coverage and the ledger verifies")
    func migrationAndCoverage() async throws {
        let fixture = try WarehouseFixture()
        let path = try fixture.olderWarehouse(upTo: "v8-api-usage")
        let day = TimeWindow(fromMillis: 1_790_726_400_000, toMillis: 1_790_812_800_000)
        let older = try Warehouse(path: path)
        #expect(try older.appliedMigrations().contains("v9-gateway-files"))
        let run = try await older.startRun(dialect: .live, range: day, at: Date())
        _ = try await older.commitWindow(runID: run, window: day, pages: 1, requests: 1, events: [], advancesWatermark: true, at: Date())
        #expect(try await older.coverage(of: day).count == 1)

        let request = GatewayRequest(timestampMillis: day.toMillis + 3_600_000, clientID: "c1", sourceIP: "34.10.0.5", method: "GET", path: "/api/v2/users", status: 200)
        var events = PreparedEvents()
        try events.append(request.event(id: "gateway:0001", gateway: "kong"))
        var state = GatewayFileState(identity: String(repeating: "a", count: 64), path: "/var/log/access.log", format: "kong")
        state.position = 120
        state.line = 2
        state.linesRead = 2
        state.reject(line: 2, reason: "not JSON")
        state.cover(request.timestampMillis)
        let later = TimeWindow(fromMillis: request.timestampMillis, toMillis: request.timestampMillis + 1)
        let commit = try await older.commitGatewayBatch(runID: run, state: state, events: events, span: later, linesRead: 2, at: Date())
        #expect(commit.stored == 1)
        #expect(try await older.coverage(of: later).isEmpty, "a gateway batch is no audit-log coverage")
        #expect(try await older.chainMark(sealing: later)?.seq == 1, "but its window records where the chain stood")
        let stored = try #require(try await older.gatewayFile(identity: state.identity))
        #expect(stored.linesStored == 1 && stored.linesRejected == 1 && stored.rejections == [GatewayRejection(line: 2, reason: "not JSON")])
        #expect(stored.firstRequest == request.timestampMillis && stored.position == 120)
        // The same batch again stores nothing.
        #expect(try await older.commitGatewayBatch(runID: run, state: stored, events: events, span: later, linesRead: 0, at: Date()).stored == 0)
        let verdict = try await older.verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")

        let outside = try DatabaseQueue(path: path)
        try await outside.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_gateway_file_update")
            try db.execute(sql: "UPDATE gateway_file SET lines_rejected = 0")
        }
        let tampered = try await Warehouse(path: path).verifyChain()
        #expect(tampered.firstBreak?.contains("gateway_file row") == true, "\(tampered.firstBreak ?? "")")
    }

    @Test("A gateway file's state copied in under a NULL identity is named by verify, and listing the files does not trap on it")
    func nullIdentity() async throws {
        let fixture = try await WarehouseFixture.nightly()
        let run = try await fixture.warehouse.startRun(dialect: .guide, range: TimeWindow(fromMillis: 0, toMillis: 1), at: Date())
        let state = GatewayFileState(identity: String(repeating: "b", count: 64), path: "/var/log/access.log", format: "kong")
        _ = try await fixture.warehouse.commitGatewayBatch(runID: run, state: state, events: PreparedEvents(),
                                                           span: TimeWindow(fromMillis: 0, toMillis: 1), linesRead: 0, at: Date())
        try WarehouseFixture.tamper(path: fixture.path, table: "gateway_file", """
            CREATE TEMP TABLE copied AS SELECT * FROM gateway_file; UPDATE copied SET identity = NULL;
            INSERT INTO gateway_file SELECT * FROM copied
            """)
        #expect(try await fixture.warehouse.gatewayFiles().map(\.identity) == [state.identity])
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains("column identity") == true, "\(verdict.firstBreak ?? "intact")")
    }
}
