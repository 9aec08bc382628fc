import Foundation
import GRDB
import Testing
@testable import Warehouse

@Suite("Verify runs SQLite's integrity check: the rules read through indexes no hash covers")
struct StructureCheckTests {
    @Test("An index swapped for a copy without some events (its schema text unchanged) is named by verify")
    func indexApartFromItsTable() async throws {
        let fixture = try await WarehouseFixture.nightly()
        try Self.checkpoint(fixture.path)
        // As the eighth red-team pass did it: build a partial copy of the index, swap the two
        // root pages under writable_schema, then drop the copy (with it, the full index's pages).
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in
            try db.execute(sql: "CREATE INDEX partial_copy ON event_log(timestamp) WHERE seq > 5")
            let real = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'event_log_by_time'")!
            let copy = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'partial_copy'")!
            try db.execute(sql: "PRAGMA writable_schema = ON")
            try db.execute(sql: "UPDATE sqlite_master SET rootpage = ? WHERE name = 'event_log_by_time'", arguments: [copy])
            try db.execute(sql: "UPDATE sqlite_master SET rootpage = ? WHERE name = 'partial_copy'", arguments: [real])
            try db.execute(sql: "PRAGMA writable_schema = OFF")
        }
        try await queue.close()
        let reopened = try DatabaseQueue(path: fixture.path)
        try await reopened.write { try $0.execute(sql: "DROP INDEX partial_copy") }
        let hidden = try await reopened.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event_log INDEXED BY event_log_by_time WHERE timestamp > ''") }
        #expect(hidden == 5, "the index now lists 5 of the 10 events")
        try await reopened.close()
        let verdict = try await Warehouse(readingOnly: fixture.path).verifyChain()
        #expect(!verdict.isIntact, "an index without half the events passed verify")
        #expect(verdict.firstBreak?.contains("integrity check") == true && verdict.firstBreak?.contains("event_log_by_time") == true,
                "\(verdict.firstBreak ?? "")")
    }

    @Test("A damaged index page fails verify, though the chain reads only the table")
    func damagedIndexPage() async throws {
        let fixture = try await WarehouseFixture.nightly()
        try Self.checkpoint(fixture.path)
        let (root, pageSize) = try await DatabaseQueue(path: fixture.path).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'event_log_by_action'")!,
             try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        let file = try #require(FileHandle(forUpdatingAtPath: fixture.path))
        try file.seek(toOffset: UInt64((root - 1) * pageSize))
        try file.write(contentsOf: Data(repeating: 0xFF, count: pageSize))
        try file.close()
        // Named as a break, or too damaged for the check to read on: SQLite's corruption error, exit 4 from every command.
        do {
            let verdict = try await Warehouse(readingOnly: fixture.path).verifyChain()
            #expect(!verdict.isIntact, "a page of 0xFF in an index passed verify")
            #expect(verdict.firstBreak?.contains("integrity check") == true, "\(verdict.firstBreak ?? "")")
        } catch {
            #expect(WarehouseError.isCorruption(error), "\(error)")
        }
    }

    /// Moves every page out of the WAL into the file, so the file's bytes are the warehouse.
    private static func checkpoint(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }
}
