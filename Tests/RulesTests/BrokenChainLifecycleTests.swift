import Foundation
import GRDB
import Logging
import PartnerAuditCore
import Rules
import Testing
import Warehouse

@Suite("An evaluation over a broken chain resolves nothing and stores nothing but its AT-2")
struct BrokenChainLifecycleTests {
    /// Evaluates and stores, as `evaluate` does.
    private func evaluate(_ fixture: RuleFixture) async throws -> EvaluationResult {
        let engine = RuleEngine(warehouse: fixture.warehouse, policy: fixture.policy, catalog: try ScopeCatalog.load(),
                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return try await engine.evaluate(asOf: RuleFixture.asOf, policyDigest: "test", startedAt: Date(), now: Date())
    }

    /// Runs `statements` on the warehouse file behind the tool's back, with `table`'s ledger
    /// triggers dropped and then put back as they were, as an attacker with the file would.
    private func tamper(_ fixture: RuleFixture, table: String, _ statements: String...) async throws {
        let queue = try DatabaseQueue(path: fixture.folder.appendingPathComponent("warehouse.sqlite").path)
        try await queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [table])
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [table]) {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            for statement in statements { try db.execute(sql: statement) }
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }

    /// A stored critical WS-1 for client c1, from one evaluation over an intact chain.
    private func storedWildcard() async throws -> (RuleFixture, Finding) {
        let fixture = try RuleFixture()
        fixture.client("c1", scopes: ["*"])
        fixture.event("c1", minutesAgo: 5)
        try await fixture.store()
        let first = try await evaluate(fixture)
        #expect(first.chain.isIntact)
        return (fixture, try #require(first.findings.first { $0.ruleID == "WS-1" && $0.clientID == "c1" }))
    }

    @Test("A value re-stored in a class its column does not allow (a client's name as a blob, a flag as text, a finding copied under a NULL key) stops the evaluation before it reads: nothing stored, the chain's verdict names it", arguments: [
        ("client_snapshot", "UPDATE client_snapshot SET name = X'FF'", "column name"),
        ("client_snapshot", "UPDATE client_snapshot SET allow_access_to_all_users = 'abc'", "column allow_access_to_all_users"),
        ("event_log", "UPDATE event_log SET timestamp = X'FF'", "column timestamp"),
        ("finding", "CREATE TEMP TABLE copied AS SELECT * FROM finding; UPDATE copied SET fingerprint = NULL; INSERT INTO finding SELECT * FROM copied",
         "column fingerprint"),
    ])
    func misplacedValueStopsBeforeReading(table: String, statement: String, named: String) async throws {
        let (fixture, _) = try await storedWildcard()
        try await tamper(fixture, table: table, statement)
        let error = await #expect(throws: UnreadableBrokenWarehouse.self) { _ = try await evaluate(fixture) }
        #expect(error?.chain.firstBreak?.contains(named) == true, "\(error?.chain.firstBreak ?? "intact")")
        #expect(try await fixture.warehouse.evaluations(covering: TimeWindow(fromMillis: 0, toMillis: .max)).count == 1, "nothing of the second evaluation is stored")
    }

    @Test("A finding deleted behind the tool's back is not written again over the broken chain: the next verify still fails")
    func deletedFindingIsNotRewritten() async throws {
        let (fixture, wildcard) = try await storedWildcard()
        try await tamper(fixture, table: "finding", "DELETE FROM finding WHERE fingerprint = '\(wildcard.fingerprint)'")

        let second = try await evaluate(fixture)
        #expect(!second.chain.isIntact)
        #expect(second.findings.map(\.ruleID) == ["AT-2"], "only the AT-2 is stored over a broken chain")
        #expect(second.summary.found == 1)
        #expect(second.summary.withheldOnBrokenChain >= 1, "the WS-1 found again is not stored")
        #expect(try await fixture.warehouse.findings().first { $0.fingerprint == wildcard.fingerprint } == nil, "the deleted row stays deleted")
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains(wildcard.fingerprint) == true, "\(verdict.firstBreak ?? "intact")")
        // And again: a second evaluation does not launder it either.
        _ = try await evaluate(fixture)
        #expect(try await !fixture.warehouse.verifyChain().isIntact)
    }

    @Test("A finding marked resolved behind the tool's back stays as edited over the broken chain: the next verify still fails")
    func editedFindingIsNotRewritten() async throws {
        let (fixture, wildcard) = try await storedWildcard()
        try await tamper(fixture, table: "finding",
                         "UPDATE finding SET status = 'resolved', resolved_at = '2026-09-01T00:00:00.000Z' WHERE fingerprint = '\(wildcard.fingerprint)'")

        let second = try await evaluate(fixture)
        #expect(!second.chain.isIntact)
        #expect(!second.findings.contains { $0.ruleID == "WS-1" })
        let stored = try await fixture.warehouse.findings().first { $0.fingerprint == wildcard.fingerprint }
        #expect(stored?.status == .resolved && stored?.resolvedAt == "2026-09-01T00:00:00.000Z", "the edited row is left as the attacker left it")
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains(wildcard.fingerprint) == true, "\(verdict.firstBreak ?? "intact")")
    }

    @Test("The AT-2 row itself deleted behind the tool's back is not written again: the next verify still fails")
    func deletedBreakFindingIsNotRewritten() async throws {
        let (fixture, _) = try await storedWildcard()
        // A break, stored as an AT-2, then undone behind the tool's back: the chain verifies again.
        try await tamper(fixture, table: "client_snapshot", "UPDATE client_snapshot SET name = name || '-x' WHERE client_id = 'c1'")
        let broken = try await evaluate(fixture)
        let breakFinding = try #require(broken.findings.first { $0.ruleID == "AT-2" })
        try await tamper(fixture, table: "client_snapshot", "UPDATE client_snapshot SET name = substr(name, 1, length(name) - 2) WHERE client_id = 'c1'")
        #expect(try await fixture.warehouse.verifyChain().isIntact)
        // Then the record of that break deleted.
        try await tamper(fixture, table: "finding", "DELETE FROM finding WHERE fingerprint = '\(breakFinding.fingerprint)'")

        let third = try await evaluate(fixture)
        #expect(!third.chain.isIntact)
        #expect(third.findings.isEmpty, "the AT-2's own row was changed behind the tool's back: writing it would launder that")
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.firstBreak?.contains(breakFinding.fingerprint) == true, "\(verdict.firstBreak ?? "intact")")
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
