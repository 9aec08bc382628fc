import Foundation
import PartnerAuditCore
@testable import Rules
import Simulator
import Testing
import TestSupport
import Warehouse

/// The live dialect as section 4 of source-api.md says the platform serves it, end to end:
/// simulator → live adapter → warehouse → rules.
@Suite("Live facts: the live dialect end to end")
struct LiveFactsTests {
    @Test("Through 429s, 5xx, 302 downloads, a failed transaction, slow queries and the 31-day cap: every audit event once, no API request, no client secret anywhere; admin changes by the admin on the client; tokens with their address; WS-1 exactly where planted; LP-3 not testable")
    func liveFactsEndToEnd() async throws {
        let log = CapturedLog()
        let fixture = try await SimulatorFixture(scale: 4_000, days: 40, faults: "429=0.04,5xx=0.04", dialect: .live, querySeconds: 20, log: log)
        defer { Task { await fixture.tearDown() } }
        let organization = fixture.organization
        fixture.clock.advance(by: .seconds(3600))
        var settings = fixture.settings
        settings.windowLength = .days(41)
        let warehouse = try fixture.warehouse()
        _ = try await fixture.extractor(warehouse: warehouse, pageSize: 60, settings: settings).run()

        // Every audit event exactly once, and only what the live audit log records.
        let stored = try await warehouse.eventIDs()
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(Set(stored) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(stored.count > 500)
        let stats = fixture.simulator.stats
        #expect(stats.failedTransactions == 1 && stats.badRequests == 0, "the failed transaction was resubmitted; no interval over 31 days")
        #expect(stats.queriesSubmitted >= 3, "41 days are two queries, one of them submitted twice")
        #expect(stats.queryPolls > 4 * stats.queriesSubmitted, "each query ran its 20 seconds, polled until done")
        #expect(stats.redirectsServed > 0 && stats.downloadRequestsWithAuthorization == 0)
        #expect(stats.rateLimited > 0 && stats.serverErrors > 0)
        #expect(try query("SELECT count(*) FROM event_log WHERE action = 'api.request' OR method IS NOT NULL OR path IS NOT NULL", fixture) == [["0"]])

        // Admin changes: the admin acts, the changed client is the resource, the app they used is a detail.
        let changes = try query("""
            SELECT actor_type, actor_id, resource_id, json_extract(raw_json, '$.details.client.id') FROM event_log
            WHERE action IN ('oauthclient.create', 'oauthclient.update', 'oauthclient.delete', 'oauthclient.secret.rotate')
            """, fixture)
        let clientIDs = Set(organization.clients.map(\.id))
        #expect(changes.count >= 3)
        for row in changes {
            #expect(row[0] == "user" && row[1] == organization.administratorID, "\(row)")
            #expect(row[2].map(clientIDs.contains) == true, "the changed client is the resource: \(row)")
            #expect(row[3] == organization.webAppClientID)
        }
        // Token issuance: a client acting on its own, from its first remoteIp.
        let tokens = try query("SELECT actor_type, actor_id, source_ip FROM event_log WHERE action = 'oauth.token.issued'", fixture)
        #expect(tokens.count > 50)
        #expect(tokens.allSatisfy { $0[0] == "oauthclient" && $0[1].map(clientIDs.contains) == true && $0[2]?.isEmpty == false })

        // No client secret anywhere: no table, no byte of the database files, no log line.
        let secrets = organization.clients.filter { organization.liveSecretCarriers.contains($0.id) }.map(organization.liveSecret(of:))
        #expect(secrets.count >= 5)
        let tables = try query("SELECT name FROM sqlite_master WHERE type = 'table'", fixture).compactMap(\.first).compactMap { $0 }
        #expect(tables.contains("client_snapshot") && tables.contains("event_log"))
        for table in tables {
            let rows = try query("SELECT * FROM \"\(table)\"", fixture)
            #expect(!rows.contains { row in row.contains { value in secrets.contains { value?.contains($0) == true } } }, "a secret in \(table)")
        }
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: fixture.warehousePath + suffix) ?? Data()
            #expect(secrets.allSatisfy { bytes.range(of: Data($0.utf8)) == nil }, "a secret in warehouse.sqlite\(suffix)")
            #expect(!bytes.isEmpty || suffix == "-wal")
        }
        #expect(!log.text.isEmpty && secrets.allSatisfy { !log.text.contains($0) }, "a secret in the log")
        #expect(try query("SELECT count(*) FROM client_snapshot WHERE raw_json LIKE '%\"secret\"%'", fixture) == [["0"]])

        // The rules: WS-1 on the wildcard roles and the role granted in every division, and nowhere else.
        let policy = try Policy(yaml: organization.policyYAML, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
        let engine = RuleEngine(warehouse: warehouse, policy: policy, catalog: try ScopeCatalog.load(), logger: fixture.logger)
        let findings = try await engine.evaluate(asOf: Timestamp.milliseconds(fixture.clock.now), policyDigest: "test", startedAt: Date(), now: Date()).findings
        let wildcardClients = Set(organization.plantedMisconfigurations.filter { $0.ruleId == "WS-1" }.map(\.clientId))
        let everyDivision = try #require(organization.everyDivisionClientID)
        let ws1 = findings.filter { $0.ruleID == "WS-1" }
        #expect(Set(ws1.map(\.clientID)) == wildcardClients.union([everyDivision]))
        let division = ws1.filter { $0.subject.hasSuffix("in division *") }
        #expect(division.count == 1 && division.first?.clientID == everyDivision && division.first?.severity == .high)
        #expect(division.first?.detail.contains("every division") == true)
        #expect(ws1.filter { !$0.subject.hasSuffix("in division *") }.allSatisfy { $0.subject.contains("*") })
        let lp3 = findings.filter { $0.ruleID == "LP-3" }
        #expect(lp3.count == 1 && lp3.first?.subject == "not-testable" && lp3.first?.severity == .info)
    }

    /// Rows of a read-only query over the fixture's warehouse.
    private func query(_ sql: String, _ fixture: SimulatorFixture) throws -> [[String?]] {
        try ReadOnlyQuery.run(sql, warehouse: fixture.warehousePath).rows
    }
}
