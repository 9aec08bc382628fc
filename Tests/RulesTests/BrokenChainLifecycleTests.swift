import Foundation
import GRDB
import Logging
import PartnerAuditCore
import Rules
import Testing
import Warehouse

@Suite("An evaluation over a broken chain resolves nothing")
struct BrokenChainLifecycleTests {
    /// Evaluates and stores, as `evaluate` does.
    private func evaluate(_ fixture: RuleFixture) async throws -> EvaluationResult {
        let engine = RuleEngine(warehouse: fixture.warehouse, policy: fixture.policy, catalog: try ScopeCatalog.load(),
                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return try await engine.evaluate(asOf: RuleFixture.asOf, policyDigest: "test", startedAt: Date(), now: Date())
    }

    @Test("A client's * scope removed behind the tool's back: the critical WS-1 stays open beside the AT-2, not resolved")
    func tamperedGrantDoesNotResolve() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1", scopes: ["*"])
        fixture.event("c1", minutesAgo: 5)
        try await fixture.store()
        let first = try await evaluate(fixture)
        let wildcard = try #require(first.findings.first { $0.ruleID == "WS-1" && $0.clientID == "c1" })

        // The attacker's edit: the trigger dropped, the grant narrowed, the trigger put back as it was.
        let queue = try DatabaseQueue(path: fixture.folder.appendingPathComponent("warehouse.sqlite").path)
        try await queue.write { db in
            let trigger = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'ledger_client_snapshot_update'"))
            try db.execute(sql: "DROP TRIGGER ledger_client_snapshot_update")
            try db.execute(sql: """
                UPDATE client_snapshot SET scopes_json = '["routing:queue:read"]',
                    raw_json = replace(raw_json, '"scopes":["*"]', '"scopes":["routing:queue:read"]') WHERE client_id = 'c1'
                """)
            try db.execute(sql: trigger)
        }
        let second = try await evaluate(fixture)
        #expect(!second.chain.isIntact)
        #expect(second.findings.contains { $0.ruleID == "AT-2" && $0.severity == .critical })
        #expect(!second.findings.contains { $0.ruleID == "WS-1" && $0.clientID == "c1" }, "the tampered row hides the wildcard from the rules")
        #expect(second.summary.resolved == 0)
        #expect(second.summary.keptOnBrokenChain >= 1)
        #expect(second.summary.resolvedDescription.contains("the chain is broken"))
        let stored = try await fixture.warehouse.findings().first { $0.fingerprint == wildcard.fingerprint }
        #expect(stored?.status == .open, "the critical finding is not marked resolved by rows changed behind the tool's back")
    }
}
