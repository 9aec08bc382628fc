import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Chain heads anchored outside the warehouse")
struct ChainHeadsTests {
    /// What an attacker with the file and this tool's code can do: edit an event, then recompute
    /// every event hash after it, re-point the windows' recorded heads, rebuild the row ledger
    /// from scratch and put back every trigger it dropped — so the warehouse verifies on its own again.
    private func rewrite(_ path: String, event seq: Int64) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            RowLedger.register(db)
            let guards = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('event_log_no_update', 'row_ledger_no_delete')")
            try db.execute(sql: "DROP TRIGGER event_log_no_update; DROP TRIGGER row_ledger_no_delete")
            for table in RowLedger.governedTables { try db.execute(sql: "DROP TRIGGER ledger_\(table)_update") }
            try db.execute(sql: "UPDATE event_log SET outcome = 'failure' WHERE seq = ?", arguments: [seq])
            let columns = EventLogTable.chained.map(\.name).joined(separator: ", ")
            var previous = HashChain.genesis
            var hashes: [Int64: Data] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM event_log ORDER BY seq") {
                let fields: [String?] = EventLogTable.chained.indices.map { index in
                    let value: DatabaseValue = row[index]
                    return value.isNull ? nil : (String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init))
                }
                previous = HashChain.hash(previous: previous, fields: fields)
                hashes[row[0]] = previous
            }
            for (rowSeq, hash) in hashes { try db.execute(sql: "UPDATE event_log SET hash = ? WHERE seq = ?", arguments: [hash, rowSeq]) }
            for (rowSeq, hash) in hashes {
                try db.execute(sql: "UPDATE extraction_window SET chain_head = ? WHERE chain_seq = ?", arguments: [hash, rowSeq])
            }
            try db.execute(sql: "DELETE FROM row_ledger")
            for table in RowLedger.governedTables { try RowLedger.govern(db, table: table) }
            for sql in guards { try db.execute(sql: sql) }
        }
    }

    @Test("A warehouse whose events were altered and whose chains were recomputed verifies alone, but no longer holds the heads recorded before")
    func recomputedChainFailsAnchors() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit((0..<12).map { WarehouseFixture.event("e\($0)", offset: Int64($0) * 1_000) })
        let recorded = try await fixture.warehouse.heads(at: Date())
        #expect(recorded.eventRows == 12 && recorded.ledgerEntries > 0)
        #expect(try await fixture.warehouse.problems(holding: recorded).isEmpty)
        #expect(ChainHeads(line: recorded.line) == recorded, "the anchors-file line reads back")

        try rewrite(fixture.path, event: 4)
        let reopened = try Warehouse(path: fixture.path)
        let alone = try await reopened.verifyChain()
        #expect(alone.isIntact, "the rewrite was not thorough: \(alone.firstBreak ?? "")")
        let problems = try await reopened.problems(holding: recorded)
        #expect(problems.first?.contains("event_log row 12 is") == true, "\(problems)")
    }

    static let head = String(repeating: "0f", count: 32)

    @Test("Anchor lines that are not anchors, or could check nothing, are refused", arguments: [
        "", "2026-12-02T00:00:00.000Z events x abc ledger 1 def", "nonsense",
        "2026-12-02T00:00:00.000Z events -1 - ledger 0 -", "2026-12-02T00:00:00.000Z events 0 - ledger -3 \(head)",
        "2026-12-02T00:00:00.000Z events 4 - ledger 0 -", "2026-12-02T00:00:00.000Z events 0 \(head) ledger 0 -",
        "2026-12-02T00:00:00.000Z events 4 \(head.uppercased()) ledger 0 -", "2026-12-02T00:00:00.000Z events 4 \(head)00 ledger 0 -",
    ])
    func badLines(line: String) {
        #expect(ChainHeads(line: line) == nil)
    }

    @Test("An empty warehouse's line, and one with both chains, read back")
    func goodLines() {
        for line in ["2026-12-02T00:00:00.000Z events 0 - ledger 0 -", "2026-12-02T00:00:00.000Z events 4 \(Self.head) ledger 2 \(Self.head)"] {
            #expect(ChainHeads(line: line)?.line == line)
        }
    }
}
