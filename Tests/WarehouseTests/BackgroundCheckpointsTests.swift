import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Checkpoints in the background: the log is copied into the file beside the writer's commits")
struct BackgroundCheckpointsTests {
    /// Commits `count` windows of 50 events each, asking for a checkpoint after each.
    private func commitWindows(_ fixture: WarehouseFixture, _ count: Int, checkpoints: BackgroundCheckpoints?) async throws {
        for window in 0..<count {
            let events = (0..<50).map { WarehouseFixture.event("w\(window)-e\($0)", offset: Int64(window * 50 + $0)) }
            try await fixture.commit(events)
            await checkpoints?.request()
        }
    }

    /// `wal_autocheckpoint` is a connection's own: the writer's.
    private func writersThreshold(_ fixture: WarehouseFixture) async throws -> Int? {
        try await fixture.warehouse.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") }
    }

    /// `temp_store` is a connection's own too: 2 is MEMORY, 0 SQLite's default.
    private func writersTempStore(_ fixture: WarehouseFixture) async throws -> Int? {
        try await fixture.warehouse.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA temp_store") }
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test("Committed pages reach the database file while the writer's own threshold is far away, and the threshold is SQLite's default after")
    func copiesBesideTheWriter() async throws {
        let fixture = try WarehouseFixture()
        let before = try fileSize(fixture.path)
        let runs = try await fixture.warehouse.withBackgroundCheckpoints { checkpoints in
            let checkpoints = try #require(checkpoints, "a warehouse file checkpoints in the background")
            #expect(try await writersThreshold(fixture) == Warehouse.bulkCheckpointPages)
            #expect(try await writersTempStore(fixture) == 2, "statement journals in memory")
            try await commitWindows(fixture, 20, checkpoints: checkpoints)
            return await checkpoints.runs
        }
        #expect(runs > 0)
        #expect(try await writersTempStore(fixture) == 0)
        // 1,000 events are far below the writer's 8,192 pages: only the background copied them.
        #expect(try fileSize(fixture.path) > before + 200_000, "the file holds the committed pages")
        #expect(try await writersThreshold(fixture) == 1000)
        #expect(try await fixture.warehouse.verifyChain().isIntact)
    }

    @Test("Without them the same commits leave the file as it was until the writer's own threshold")
    func writerAloneWaits() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.warehouse.database.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA wal_autocheckpoint = \(Warehouse.bulkCheckpointPages)")
        }
        let before = try fileSize(fixture.path)
        try await commitWindows(fixture, 20, checkpoints: nil)
        #expect(try fileSize(fixture.path) < before + 200_000, "nothing copied the log: the other test's growth is the background's")
    }

    @Test("The writer's threshold goes back to the default when the commits fail")
    func restoresOnFailure() async throws {
        struct Interrupted: Error {}
        let fixture = try WarehouseFixture()
        await #expect(throws: Interrupted.self) {
            try await fixture.warehouse.withBackgroundCheckpoints { checkpoints in
                try await commitWindows(fixture, 2, checkpoints: checkpoints)
                throw Interrupted()
            }
        }
        #expect(try await writersThreshold(fixture) == 1000)
        #expect(try await writersTempStore(fixture) == 0)
    }

    @Test("With statement journals in memory, a window holding an id already stored still undoes its one-statement insert and goes row by row")
    func duplicateUndoneInMemory() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.warehouse.withBackgroundCheckpoints { checkpoints in
            try await commitWindows(fixture, 40, checkpoints: checkpoints)
            // 3,000 events, far past the 64 KiB a journal held in memory before spilling; one is already stored.
            let events = (0..<3_000).map { WarehouseFixture.event("big-e\($0)", offset: 10_000 + Int64($0)) } + [WarehouseFixture.event("w3-e7", offset: 7)]
            let commit = try await fixture.commit(events)
            #expect(commit.stored == 3_000 && commit.seen == 3_001)
        }
        let verification = try await fixture.warehouse.verifyChain()
        #expect(verification.isIntact && verification.rows == 40 * 50 + 3_000)
    }
}
