import Foundation
import GRDB
import PartnerAuditCore
@testable import Warehouse

/// A warehouse as a night leaves it, and the ways an attacker with write access changes it.
extension WarehouseFixture {
    /// A client holding `*`, a committed window of events, one evaluation with one finding.
    static func nightly() async throws -> WarehouseFixture {
        let fixture = try WarehouseFixture()
        let client = ClientSnapshot(id: "c1", name: "Partner-Integration-Prod-Acme", scopes: ["*"], ipAllowlist: ["34.10.0.0/24"],
                                    dateCreated: "2026-01-05T00:00:00.000Z", rawJSON: #"{"id":"c1"}"#)
        _ = try await fixture.warehouse.recordClients([client], runID: nil, at: Date(timeIntervalSince1970: 1_790_000_000))
        try await fixture.commit((0..<10).map { event("e\($0)", offset: Int64($0) * 1_000) })
        try await fixture.evaluate()
        return fixture
    }

    /// Stores one evaluation finding the critical WS-1 of `c1`.
    func evaluate(overIntactChain: Bool = true) async throws {
        let finding = Finding(fingerprint: "f1", ruleID: "WS-1", category: .wildcardScope, severity: .critical, clientID: "c1",
                              subject: "*", title: "Wildcard scope", detail: "holds *")
        _ = try await warehouse.recordEvaluation([finding], asOf: Self.day0, lookbackFrom: 0, policyDigest: "p",
                                                 startedAt: Date(), at: Date(), overIntactChain: overIntactChain)
    }

    /// Runs `sql` on `path` through a plain connection, as an attacker would: every trigger on
    /// `table` dropped first and put back after, so the schema is as the tool built it. Foreign
    /// keys are not enforced, as in the sqlite3 shell.
    static func tamper(path: String, table: String, _ sql: String) throws {
        var configuration = GRDB.Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [table])
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
            try db.execute(sql: sql)
            for trigger in triggers { try db.execute(sql: trigger["sql"]) }
        }
        try queue.close()
    }
}
