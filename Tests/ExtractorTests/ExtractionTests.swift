import Extractor
import Foundation
import PartnerAuditCore
import Source
import Synchronization
import Testing
import Warehouse
import TestSupport

@Suite("Extraction over loopback HTTP from the simulator")
struct ExtractionTests {
    @Test("With 429s, 5xx answers and dropped connections, a full extract stores exactly the simulator's events")
    func faultsStillGiveTheExactSet() async throws {
        let fixture = try await SimulatorFixture(scale: 4_000, faults: "429=0.08,5xx=0.08,drop=0.05")
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let summary = try await fixture.extractor(warehouse: warehouse).run()

        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(summary.eventsStored == fixture.expectedIDs(visibleAt: fixture.clock.now).count)
        #expect(summary.rateLimited > 0)
        // Every 429 carried Retry-After: 1, and the extractor waited at least that long before retrying.
        #expect(fixture.clock.sleeps.filter { $0 >= .seconds(1) }.count >= summary.rateLimited)
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("A run cancelled mid-way and restarted, several times, ends with the exact set; a re-run adds nothing")
    func cancelAndRestart() async throws {
        let fixture = try await SimulatorFixture(scale: 12_000, days: 10, faults: "5xx=0.05")
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        for round in 1...4 {
            let windows = Atomic(0)
            let handle = Mutex<Task<ExtractionSummary, any Error>?>(nil)
            let extractor = try fixture.extractor(warehouse: warehouse) { _ in
                // Cancel mid-way: after a different number of windows each round.
                if windows.add(1, ordering: .relaxed).newValue == round * 2 { handle.withLock { $0?.cancel() } }
            }
            let task = Task { try await extractor.run() }
            handle.withLock { $0 = task }
            _ = try? await task.value
        }
        _ = try await fixture.extractor(warehouse: warehouse).run()
        let expected = fixture.expectedIDs(visibleAt: fixture.clock.now)
        let stored = try await warehouse.eventIDs()
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(Set(stored) == expected)

        fixture.clock.advance(by: .seconds(60))
        let again = try await fixture.extractor(warehouse: warehouse).run()
        #expect(again.eventsStored == 0)
        #expect(try await warehouse.eventCount() == expected.count)
        #expect(try await warehouse.verifyChain().isIntact)
    }

    @Test("Late events inside the overlap are picked up by the next run; events newer than the lag wait for it")
    func lateEventsAndLag() async throws {
        let fixture = try await SimulatorFixture(scale: 3_000, days: 2, faults: "late")
        defer { Task { await fixture.tearDown() } }
        let warehouse = try fixture.warehouse()
        _ = try await fixture.extractor(warehouse: warehouse).run()
        let firstWatermark = try #require(try await warehouse.watermark())
        #expect(firstWatermark == Timestamp.milliseconds(SimulatorFixture.start) - 5 * 60_000, "the lag holds back the last 5 minutes")
        let newest = try ReadOnlyQuery.run("SELECT max(timestamp) FROM events", warehouse: fixture.warehousePath).rows[0][0]
        #expect(newest.flatMap(Timestamp.parseMilliseconds).map { $0 < firstWatermark } == true)

        fixture.clock.advance(by: .seconds(30 * 60))
        let second = try await fixture.extractor(warehouse: warehouse).run()
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        let cutoff = Timestamp.format(milliseconds: firstWatermark)
        let lateOnes = try ReadOnlyQuery.run("""
            SELECT count(*) FROM event_log e JOIN extraction_window w ON w.id = e.window_id
            WHERE w.run_id = \(second.runID) AND e.timestamp < '\(cutoff)'
            """, warehouse: fixture.warehousePath).rows[0][0]
        #expect(Int(lateOnes ?? "0") ?? 0 > 0, "late events older than the first watermark arrived through the overlap")
        let waited = try ReadOnlyQuery.run("SELECT count(*) FROM events WHERE timestamp >= '\(cutoff)'", warehouse: fixture.warehousePath).rows[0][0]
        #expect(Int(waited ?? "0") ?? 0 > 0, "events newer than the lag were stored by the later run")
    }

    @Test("Wrong credentials fail the run as a credentials error, and the secret appears nowhere")
    func wrongCredentials() async throws {
        let secret = "wrong-secret-Zq81xK"
        let fixture = try await SimulatorFixture(scale: 1_000)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try fixture.warehouse()
        let error = await #expect(throws: SourceError.self) {
            try await fixture.extractor(warehouse: warehouse, clientSecret: secret).run()
        }
        #expect(error?.code == .credentialsRefused)
        #expect(error.map { "\($0)".contains(secret) } == false)
        let runs = try await warehouse.runs()
        #expect(runs.first?.status == "failed")
        #expect(runs.first?.error?.contains(secret) == false)
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: fixture.warehousePath + suffix) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "secret found in warehouse\(suffix)")
        }
    }

    @Test("A revoked token is replaced once and the run completes, in either dialect", arguments: SourceDialect.allCases)
    func refreshesTokenOn401(dialect: SourceDialect) async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 3, dialect: dialect)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let simulator = fixture.simulator
        let summary = try await fixture.extractor(warehouse: warehouse) { progress in
            if progress.index == 1 { simulator.revokeTokens() }
        }.run()
        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(summary.eventsStored == fixture.expectedIDs(visibleAt: fixture.clock.now).count)
        #expect(simulator.stats.tokensIssued == 2)
    }

    @Test("When the server dies, the run fails naming the window and page, and keeps what it committed")
    func deadServer() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 3)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let simulator = fixture.simulator
        let extractor = try fixture.extractor(warehouse: warehouse, maxAttempts: 3) { progress in
            // The server dies after the first window: the second window's pages find no one.
            if progress.index == 1 { await simulator.shutdown() }
        }
        let error = await #expect(throws: ExtractionError.self) { try await extractor.run() }
        #expect(error?.underlying.code == .retriesExhausted)
        #expect(error?.description.contains("of window [") == true)
        let committed = try await warehouse.eventCount()
        #expect(committed > 0, "the first window stays stored")
        let failed = try ReadOnlyQuery.run("SELECT count(*) FROM extraction_windows WHERE status = 'failed'", warehouse: fixture.warehousePath)
        #expect(failed.rows == [["1"]])
    }

    @Test("A scope granted between two runs is a new snapshot in the client history")
    func scopeChangeIsANewSnapshot() async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 2)
        defer { Task { await fixture.tearDown() } }
        let warehouse = try fixture.warehouse()
        _ = try await fixture.extractor(warehouse: warehouse).run()
        let client = try #require(fixture.organization.clients.first { $0.name.hasPrefix("Partner-Integration-Prod-") })
        fixture.organization.updateClient(id: client.id) { $0.scopes.append("users:write") }
        fixture.clock.advance(by: .seconds(3600))
        _ = try await fixture.extractor(warehouse: warehouse).run()
        let history = try await warehouse.clientHistory(id: client.id)
        #expect(history.count == 2)
        #expect(history.last?.scopes.contains("users:write") == true)
        #expect(history.first?.scopes.contains("users:write") == false)
    }
}
