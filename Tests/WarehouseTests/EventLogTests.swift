import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Event log: append-only, deduplicated, hash-chained")
struct EventLogTests {
    @Test("An event already stored is not stored twice, and the chain does not move for it")
    func deduplicates() async throws {
        let fixture = try WarehouseFixture()
        let first = try await fixture.commit([WarehouseFixture.event("e1"), WarehouseFixture.event("e2", offset: 5)])
        let second = try await fixture.commit([WarehouseFixture.event("e2", offset: 5), WarehouseFixture.event("e3", offset: 9)])
        #expect(first.stored == 2)
        #expect(second.stored == 1)
        #expect(second.seen == 2)
        #expect(try await fixture.warehouse.eventIDs() == ["e1", "e2", "e3"])
        #expect(second.chainSeq == 3)
    }

    @Test("The triggers refuse UPDATE and DELETE on events")
    func appendOnly() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit([WarehouseFixture.event("e1")])
        let queue = try DatabaseQueue(path: fixture.path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE event_log SET actor_id = 'x'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM event_log") } }
        #expect(try await fixture.warehouse.eventCount() == 1)
    }

    @Test("An intact chain verifies, and its head is the last row's hash")
    func verifiesIntactChain() async throws {
        let fixture = try WarehouseFixture()
        let commit = try await fixture.commit((0..<50).map { WarehouseFixture.event("e\($0)", offset: Int64($0)) })
        let result = try await fixture.warehouse.verifyChain()
        #expect(result.isIntact)
        #expect(result.rows == 50)
        #expect(result.head == commit.chainHead.hex)
    }

    @Test("A row edited behind the tool's back is named by verify")
    func detectsEditedRow() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit((0..<10).map { WarehouseFixture.event("e\($0)", offset: Int64($0)) })
        try tamper(fixture.path, "UPDATE event_log SET source_ip = '6.6.6.6' WHERE id = 'e6'")
        let result = try await fixture.warehouse.verifyChain()
        #expect(!result.isIntact)
        #expect(result.rows == 6)
        #expect(result.firstBreak?.contains("row 7 (event e6)") == true)
    }

    @Test("A row deleted from the middle, or from the end, is found")
    func detectsDeletedRows() async throws {
        let middle = try WarehouseFixture()
        try await middle.commit((0..<10).map { WarehouseFixture.event("e\($0)", offset: Int64($0)) })
        try tamper(middle.path, "DELETE FROM event_log WHERE id = 'e3'")
        #expect(try await middle.warehouse.verifyChain().firstBreak?.contains("rows 4…4 are missing") == true)

        let end = try WarehouseFixture()
        try await end.commit((0..<10).map { WarehouseFixture.event("e\($0)", offset: Int64($0)) })
        try tamper(end.path, "DELETE FROM event_log WHERE seq > 8")
        #expect(try await end.warehouse.verifyChain().firstBreak?.contains("rows 9…10 are missing") == true)
    }

    @Test("The watermark moves with each committed window")
    func watermark() async throws {
        let fixture = try WarehouseFixture()
        #expect(try await fixture.warehouse.watermark() == nil)
        try await fixture.commit([WarehouseFixture.event("e1")], from: 0, to: 3_600_000)
        #expect(try await fixture.warehouse.watermark() == WarehouseFixture.day0 + 3_600_000)
    }

    /// Raw SQL with the append-only triggers dropped, as someone editing the file by hand would.
    private func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER event_log_no_update; DROP TRIGGER event_log_no_delete")
            try db.execute(sql: sql)
        }
    }
}

@Suite("An event an earlier version stored with JSON SQLite cannot read")
struct UnreadableStoredJSONTests {
    @Test("Its client changes and its export read as having no details; the other events and the chain are untouched")
    func oneBadEventStopsNothing() async throws {
        let fixture = try WarehouseFixture()
        var bad = WarehouseFixture.event("evt-bad", offset: 1_000)
        bad.action = .clientUpdated
        bad.resourceID = "client-1"
        // What an earlier, lenient parser kept verbatim: a leading zero SQLite's JSON functions reject.
        bad.rawJSON = #"{"id":"evt-bad","details":{"changes":{"scopes":{"old":[],"new":["x"]}},"n":01}}"#
        try await fixture.commit([WarehouseFixture.event("evt-good"), bad, WarehouseFixture.event("evt-late", offset: 2_000)])

        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + 86_400_000)
        let changes = try await fixture.warehouse.clientChangeEvents(in: window)
        #expect(changes.map(\.eventID) == ["evt-bad"])
        #expect(changes.first?.changes == nil)
        var exported: [String: String?] = [:]
        try fixture.warehouse.forEachEvent(.window(window)) { exported[$0.id] = $0.detailsJSON }
        #expect(exported.keys.sorted() == ["evt-bad", "evt-good", "evt-late"])
        #expect(exported["evt-bad"] == .some(nil))
        #expect(exported["evt-good"] != .some(nil))
        #expect(try await fixture.warehouse.verifyChain().isIntact)
    }
}
