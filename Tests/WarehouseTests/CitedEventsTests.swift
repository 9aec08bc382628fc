import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Cited events: one client's events, oldest first, read hour by hour")
struct CitedEventsTests {
    private static let hour: Int64 = 3_600_000

    /// Events of `client-1` and `client-2` over three days, committed as three windows, not in id order within an hour.
    private func threeDays() async throws -> WarehouseFixture {
        let fixture = try WarehouseFixture()
        for day in Int64(0)..<3 {
            let base = day * 24 * Self.hour
            var events: [AuditEvent] = []
            for (index, hour) in [Int64(0), 5, 5, 13, 23].enumerated() {
                let offset = base + hour * Self.hour + Int64(index) * 1000
                events.append(WarehouseFixture.event("d\(day)-c1-\(4 - index)", offset: offset, ip: index.isMultiple(of: 2) ? "34.1.2.3" : "34.9.9.9"))
                events.append(WarehouseFixture.event("d\(day)-c2-\(index)", offset: offset + 1, actor: "client-2"))
            }
            events.append(WarehouseFixture.event("d\(day)-c1-tie", offset: base + 13 * Self.hour + 3000))
            try await fixture.commit(events, from: base, to: base + 24 * Self.hour)
        }
        return fixture
    }

    /// What a plain scan of the table answers, for comparison.
    private func expected(_ fixture: WarehouseFixture, _ window: TimeWindow, ip: String? = nil, limit: Int) throws -> [String] {
        let queue = try DatabaseQueue(path: fixture.path)
        return try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM event_log NOT INDEXED WHERE actor_id = 'client-1' AND timestamp >= ? AND timestamp < ?
                  AND (? IS NULL OR source_ip = ?) ORDER BY timestamp, id LIMIT ?
                """, arguments: window.sqlArguments + [ip, ip, limit])
        }
    }

    @Test("Events come in (timestamp, id) order across days, up to the limit", arguments: [1, 4, 7, 12, 100])
    func orderedAcrossDays(limit: Int) async throws {
        let fixture = try await threeDays()
        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + 72 * Self.hour)
        let cited = try await fixture.warehouse.citedEvents(clientID: "client-1", in: window, limit: limit)
        #expect(cited.map(\.id) == (try expected(fixture, window, limit: limit)))
        #expect(cited.count == min(limit, 18))
    }

    @Test("A window starting and ending inside hours keeps to its bounds")
    func windowBounds() async throws {
        let fixture = try await threeDays()
        let window = TimeWindow(fromMillis: WarehouseFixture.day0 + 5 * Self.hour + 1500, toMillis: WarehouseFixture.day0 + 37 * Self.hour + 2500)
        let cited = try await fixture.warehouse.citedEvents(clientID: "client-1", in: window, limit: 100)
        #expect(cited.map(\.id) == (try expected(fixture, window, limit: 100)))
        #expect(cited.first?.id == "d0-c1-2")
        #expect(cited.last?.id == "d1-c1-2")
    }

    @Test("Source IP filters apply, and a window without events cites none")
    func filters() async throws {
        let fixture = try await threeDays()
        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + 72 * Self.hour)
        let cited = try await fixture.warehouse.citedEvents(clientID: "client-1", in: window, sourceIPs: ["34.9.9.9"], limit: 100)
        #expect(cited.map(\.id) == (try expected(fixture, window, ip: "34.9.9.9", limit: 100)))
        #expect(cited.allSatisfy { $0.sourceIP == "34.9.9.9" } && cited.count == 6)
        let later = TimeWindow(fromMillis: WarehouseFixture.day0 + 100 * Self.hour, toMillis: WarehouseFixture.day0 + 200 * Self.hour)
        #expect(try await fixture.warehouse.citedEvents(clientID: "client-1", in: later).isEmpty)
    }

    @Test("Hour buckets cover a window from its first hour to its last, as timestamp prefixes")
    func hourBuckets() {
        let start = WarehouseFixture.day0 - WarehouseFixture.day0 % Self.hour + 59 * 60_000
        let buckets = TimeBucket.hour.labels(touching: TimeWindow(fromMillis: start, toMillis: start + 2 * Self.hour))
        #expect(buckets.count == 3)
        #expect(buckets.first == String(Timestamp.format(milliseconds: start).prefix(13)))
        #expect(TimeBucket.hour.labels(touching: TimeWindow(fromMillis: start, toMillis: start + 1)).count == 1)
    }

    @Test("The schema indexes events by hour and actor, not by actor alone")
    func index() async throws {
        let fixture = try WarehouseFixture()
        let queue = try DatabaseQueue(path: fixture.path)
        let indexes = try await queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event_log' AND sql IS NOT NULL ORDER BY name") }
        #expect(indexes == ["event_log_by_action", "event_log_by_hour_actor", "event_log_by_time"])
        #expect(try fixture.warehouse.appliedMigrations().contains("v4-events-by-hour-and-actor"))
    }
}
