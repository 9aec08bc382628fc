import Foundation
import Testing
@testable import Warehouse

@Suite("Read-only queries")
struct ReadOnlyQueryTests {
    @Test("The documented views answer a SELECT")
    func selects() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit([WarehouseFixture.event("e1", ip: "34.9.9.9")])
        let result = try ReadOnlyQuery.run("SELECT id, source_ip, method, status, details_json FROM events", warehouse: fixture.path)
        #expect(result.columns == ["id", "source_ip", "method", "status", "details_json"])
        #expect(result.rows.first?[0...3] == ["e1", "34.9.9.9", "GET", "200"])
        #expect(result.rows.first?[4]?.contains("\"sourceIp\":\"34.9.9.9\"") == true)
    }

    @Test("A write is refused with a clear message, and nothing changes", arguments: [
        "DELETE FROM event_log", "DROP TABLE event_log", "INSERT INTO checkpoint VALUES ('x', 'y')", "UPDATE checkpoint SET value = 'x'",
    ])
    func refusesWrites(sql: String) async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit([WarehouseFixture.event("e1")])
        let error = #expect(throws: WarehouseError.self) { try ReadOnlyQuery.run(sql, warehouse: fixture.path) }
        #expect(error?.code == .writeRefused)
        #expect(error?.description.contains("read-only") == true)
        #expect(try await fixture.warehouse.eventCount() == 1)
    }

    @Test("A query on a missing warehouse says so")
    func missingFile() {
        let error = #expect(throws: WarehouseError.self) { try ReadOnlyQuery.run("SELECT 1", warehouse: "/nonexistent/w.sqlite") }
        #expect(error?.code == .notFound)
    }
}
