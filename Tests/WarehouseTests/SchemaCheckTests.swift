import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

/// The schema is evidence too (second red-team pass, issue 16): a trigger planted beside the
/// tool's own would have the tool rewrite a grant itself, ledger entry and all.
@Suite("The warehouse's schema is the one this version builds")
struct SchemaCheckTests {
    private func warehouseWithAClient() async throws -> WarehouseFixture {
        let fixture = try WarehouseFixture()
        let client = ClientSnapshot(id: "c1", name: "Partner-Integration-Prod-Acme", scopes: ["*"], ipAllowlist: [],
                                    dateCreated: "2026-01-05T00:00:00.000Z", rawJSON: #"{"id":"c1"}"#)
        _ = try await fixture.warehouse.recordClients([client], runID: nil, at: Date(timeIntervalSince1970: 1_790_000_000))
        try await fixture.commit((0..<5).map { WarehouseFixture.event("e\($0)", offset: Int64($0) * 1_000) })
        return fixture
    }

    @Test("A fresh warehouse and one migrated from an earlier schema verify")
    func untouched() async throws {
        let fixture = try await warehouseWithAClient()
        #expect(try await fixture.warehouse.verifyChain().isIntact)
        #expect(try await fixture.warehouse.database.read { try SchemaCheck.problem($0) } == nil)

        // An older warehouse, migrated forward by this version on opening.
        let migrated = try Warehouse(path: try fixture.olderWarehouse(upTo: "v6-finding-resolution-note"))
        let verdict = try await migrated.verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")
    }

    @Test("A trigger planted on a governed table is named, before it can make the tool rewrite a grant", arguments: [
        ("CREATE TRIGGER zz AFTER INSERT ON evaluation_run BEGIN UPDATE client_snapshot SET scopes_json = '[]'; END",
         "the schema holds a trigger 'zz' this version never creates"),
        ("CREATE VIEW planted AS SELECT 1", "the schema holds a view 'planted' this version never creates"),
        ("CREATE INDEX sneaky ON event_log(id)", "the schema holds a index 'sneaky' this version never creates"),
        ("DROP VIEW clients", "the schema lacks the view 'clients' this version creates"),
    ])
    func planted(sql: String, named: String) async throws {
        let fixture = try await warehouseWithAClient()
        try await DatabaseQueue(path: fixture.path).write { try $0.execute(sql: sql) }
        let verdict = try await Warehouse(path: fixture.path).verifyChain()
        #expect(verdict.firstBreak == named)
    }

    @Test("A tool trigger rewritten with the same name is named as differing")
    func rewrittenTrigger() async throws {
        let fixture = try await warehouseWithAClient()
        try await DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "DROP TRIGGER event_log_no_update")
            try db.execute(sql: "CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log WHEN 0 BEGIN SELECT 1; END")
        }
        let verdict = try await Warehouse(path: fixture.path).verifyChain()
        #expect(verdict.firstBreak == "the schema's trigger 'event_log_no_update' differs from the one this version creates")
    }
}
