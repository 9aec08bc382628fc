import Foundation
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Client history")
struct ClientHistoryTests {
    private func client(_ scopes: [String], allowlist: [String]? = ["34.1.2.0/24"]) -> ClientSnapshot {
        let json: JSONValue = .object([
            "id": .string("c1"), "name": .string("Partner-Integration-Prod-Acme"),
            "scopes": .array(scopes.map(JSONValue.string)),
            "ipWhitelist": allowlist.map { .array($0.map(JSONValue.string)) } ?? .null,
        ])
        return try! ClientSnapshot(sourceJSON: json)
    }

    @Test("A scope change is a new snapshot; an unchanged client adds none")
    func scopeChange() async throws {
        let fixture = try WarehouseFixture()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let first = try await fixture.warehouse.recordClients([client(["routing:queue:read"])], runID: nil, at: t0)
        let same = try await fixture.warehouse.recordClients([client(["routing:queue:read"])], runID: nil, at: t0 + 60)
        let widened = try await fixture.warehouse.recordClients([client(["routing:queue:read", "users:write"])], runID: nil, at: t0 + 120)
        #expect(first.added == 1 && same.unchanged == 1 && widened.changed == 1)
        let history = try await fixture.warehouse.clientHistory(id: "c1")
        #expect(history.map(\.scopes) == [["routing:queue:read"], ["routing:queue:read", "users:write"]])

        let rows = try ReadOnlyQuery.run("SELECT scopes_json, valid_from, valid_to FROM client_history ORDER BY valid_from", warehouse: fixture.path)
        #expect(rows.rows.count == 2)
        #expect(rows.rows[0][2] == Timestamp.format(t0 + 120))
        #expect(rows.rows[1][2] == nil)
        let current = try ReadOnlyQuery.run("SELECT partner, environment, scopes_json FROM clients", warehouse: fixture.path)
        #expect(current.rows == [["acme", "prod", #"["routing:queue:read","users:write"]"#]])
    }

    @Test("A client that disappears closes its history")
    func removal() async throws {
        let fixture = try WarehouseFixture()
        _ = try await fixture.warehouse.recordClients([client(["a"])], runID: nil, at: Date())
        let changes = try await fixture.warehouse.recordClients([], runID: nil, at: Date())
        #expect(changes.removed == 1)
        #expect(try ReadOnlyQuery.run("SELECT count(*) FROM clients", warehouse: fixture.path).rows == [["0"]])
    }
}
