import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

/// A window's rows go into `event_log` in one `INSERT … SELECT` over `ChainedRowsTable` when
/// all are new; the rows must be exactly the ones the row-by-row insert stores.
@Suite("A window's rows stored in one statement")
struct ChainedRowsTests {
    static func events(_ ids: [String]) throws -> PreparedEvents {
        try PreparedEvents(ids.enumerated().map { WarehouseFixture.event($1, offset: Int64($0)) })
    }

    static func rows(_ warehouse: Warehouse) async throws -> [Row] {
        try await warehouse.database.read { try Row.fetchAll($0, sql: "SELECT * FROM event_log ORDER BY seq") }
    }

    /// Appends `windows` one after the other; each window's stored count, and the fixture.
    static func append(_ windows: [[String]], allAtOnce: Bool) async throws -> (WarehouseFixture, [Int]) {
        let fixture = try WarehouseFixture()
        var stored: [Int] = []
        for (number, ids) in windows.enumerated() {
            let events = try events(ids)
            stored.append(try await fixture.warehouse.database.write { db in
                try Warehouse.appendChained(db, events, windowID: Int64(number + 1), allAtOnce: allAtOnce).stored
            })
        }
        return (fixture, stored)
    }

    @Test("Stored in one statement or row by row, the rows are the same: all new, one already stored, one twice, one alone",
          arguments: [[["a", "b", "c"], ["d", "e"]], [["a", "b"], ["b", "c", "d"]], [["a", "a", "b"]], [["a"], ["b", "c"]]])
    func sameRows(windows: [[String]]) async throws {
        let (together, storedTogether) = try await Self.append(windows, allAtOnce: true)
        let (apart, storedApart) = try await Self.append(windows, allAtOnce: false)
        #expect(storedTogether == storedApart)
        #expect(try await Self.rows(together.warehouse) == Self.rows(apart.warehouse))
        #expect(try await Self.rows(together.warehouse).count == Set(windows.joined()).count)
    }

    @Test("The one statement stores all-new rows and chains them; with any id already stored or twice, it stores nothing")
    func allOrNothing() async throws {
        let fixture = try WarehouseFixture()
        let database = fixture.warehouse.database
        let first = try await database.write { try Warehouse.appendAllNew($0, Self.events(["a", "b"]), windowID: 1, after: (0, HashChain.genesis)) }
        #expect(first?.stored == 2 && first?.seq == 2)
        let tail = try #require(first)
        for ids in [["c", "b"], ["c", "c"]] {
            let refused = try await database.write { try Warehouse.appendAllNew($0, Self.events(ids), windowID: 2, after: (tail.seq, tail.head)) }
            #expect(refused == nil, "\(ids)")
            #expect(try await Self.rows(fixture.warehouse).count == 2, "\(ids)")
        }
        let next = try await database.write { try Warehouse.appendAllNew($0, Self.events(["c", "d"]), windowID: 2, after: (tail.seq, tail.head)) }
        #expect(next?.seq == 4)
        let stored = try await database.read { try Data.fetchOne($0, sql: "SELECT hash FROM event_log WHERE seq = 4") }
        #expect(stored == next?.head)
    }

    @Test("SQL alone reads no rows from the table: without the bound pointer it is empty or refused")
    func sqlAloneReadsNothing() async throws {
        let fixture = try WarehouseFixture()
        let database = fixture.warehouse.database
        let counts = try await database.write { db in
            try ["NULL", "x'00112233'"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(ChainedRowsTable.name)(\($0))") }
        }
        #expect(counts == [0, 0])
        await #expect(throws: DatabaseError.self) {
            try await database.write { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(ChainedRowsTable.name)") }
        }
    }
}
