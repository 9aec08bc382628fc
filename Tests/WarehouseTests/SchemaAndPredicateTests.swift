import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("The warehouse over any database, its schema version, and the one SQL of each predicate")
struct SchemaAndPredicateTests {
    /// One event of each kind the predicates tell apart, unknown words included.
    static let events: [AuditEvent] = [
        event("request-200", actor: .oauthClient, action: .apiRequest, outcome: .success, status: 200, ip: "34.1.1.1"),
        event("request-401", actor: .oauthClient, action: .apiRequest, outcome: .failure, status: 401, ip: "34.1.1.2"),
        event("request-403-denied", actor: .oauthClient, action: .apiRequest, outcome: .denied, status: 403),
        event("request-429", actor: .oauthClient, action: .apiRequest, outcome: .failure, status: 429, ip: "34.1.1.3"),
        event("user-request-403", actor: .user, action: .apiRequest, outcome: .failure, status: 403),
        event("token-issued", actor: .oauthClient, action: .tokenIssued, outcome: .success, ip: "34.1.1.4"),
        event("token-denied", actor: .oauthClient, action: .tokenDenied, outcome: .denied, ip: "34.1.1.5"),
        event("queue-denied", actor: .user, action: "queue.update", outcome: .denied),
        event("client-rotated", actor: .user, action: .clientSecretRotated, outcome: .success),
        event("client-created", actor: .user, action: .clientCreated, outcome: .success),
        event("odd-actor", actor: "robot", action: "robot.dance", outcome: "sideways", status: 401),
    ]

    static func event(
        _ id: String, actor: ActorType, action: AuditAction, outcome: Outcome, status: Int? = nil, ip: String? = nil
    ) -> AuditEvent {
        var details: [String: JSONValue] = [:]
        if let status { details["status"] = .int(Int64(status)) }
        if let ip { details["sourceIp"] = .string(ip) }
        return AuditEvent(
            id: id, timestampMillis: WarehouseFixture.day0, actorType: actor, actorID: "actor-\(id)", action: action,
            resource: "r", resourceID: nil, outcome: outcome, details: .object(details), rawJSON: "{}")
    }

    /// An in-memory warehouse holding `events`, one window of day 0.
    static func warehouseWithEvents() async throws -> Warehouse {
        let warehouse = try Warehouse(database: try DatabaseQueue())
        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + .day)
        let run = try await warehouse.startRun(dialect: .guide, range: window, at: Date())
        try await warehouse.commitWindow(runID: run, window: window, pages: 1, requests: 1, events: events, advancesWatermark: true, at: Date())
        return warehouse
    }

    @Test("A warehouse opens over an in-memory database and stores and reads as over a file")
    func inMemory() async throws {
        let warehouse = try Warehouse(database: try DatabaseQueue())
        #expect(warehouse.path == ":memory:")
        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + .day)
        let run = try await warehouse.startRun(dialect: .guide, range: window, at: Date())
        let commit = try await warehouse.commitWindow(
            runID: run, window: window, pages: 1, requests: 1, events: Self.events, advancesWatermark: true, at: Date())
        #expect(commit.stored == Self.events.count)
        #expect(try await warehouse.verifyChain().firstBreak == nil)
    }

    @Test("Each predicate's SQL selects exactly the events its definition matches", arguments: EventPredicate.allCases)
    func predicateSQL(_ predicate: EventPredicate) async throws {
        let warehouse = try await Self.warehouseWithEvents()
        let expected = Self.events.filter(predicate.matches)
        #expect(!expected.isEmpty, "the fixture has an event for \(predicate)")
        #expect(try await warehouse.eventCount(matching: predicate) == expected.count)
    }

    @Test("Queries for actions other than requests read event_log_by_action, an index that leaves the requests out")
    func actionIndexLeavesRequestsOut() async throws {
        let warehouse = try await Self.warehouseWithEvents()
        let inWindow = " AND timestamp >= '2026-01-01' AND timestamp < '2026-01-02'"
        let queries = [
            "tokenIssued": "SELECT id FROM event_log WHERE \(EventPredicate.tokenIssued.sql)\(inWindow)",
            "clientChange": "SELECT id FROM event_log WHERE \(EventPredicate.clientChange.sql)\(inWindow)",
            "denied token": "SELECT id FROM event_log WHERE \(EventPredicate.byAction(.tokenDenied))\(inWindow)",
            "last rotations": Warehouse.lastSecretRotationsSQL,
        ]
        let (definition, plans) = try await warehouse.database.read { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_log_by_action'")
            let plans = try queries.mapValues { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: StatementArguments(Array(repeating: "2026-01-02", count: sql.filter { $0 == "?" }.count)))
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
            return (definition, plans)
        }
        #expect(definition?.hasSuffix("WHERE \(EventLogTable.byActionCondition)") == true, "\(definition ?? "no index")")
        for (name, plan) in plans {
            #expect(plan.contains("event_log_by_action"), "\(name): \(plan)")
        }
    }

    @Test("A denial is a token denied or a call answered 401 or 403, whoever made it")
    func denial() {
        let denied = Self.events.filter(EventPredicate.denial.matches).map(\.id)
        #expect(denied == ["request-401", "request-403-denied", "user-request-403", "token-denied"])
    }

    @Test("Unknown words are stored and read back as the source wrote them")
    func unknownWordsKept() async throws {
        let warehouse = try await Self.warehouseWithEvents()
        var exported: [ExportedEvent] = []
        try warehouse.forEachEvent(.ids(["odd-actor"])) { exported.append($0) }
        #expect(exported.map(\.actorType) == ["robot"])
        #expect(exported.map(\.action) == ["robot.dance"])
        #expect(exported.map(\.outcome) == ["sideways"])
    }

    @Test("A warehouse written by a newer version is refused, naming the migrations, and left unchanged")
    func newerSchema() throws {
        let fixture = try WarehouseFixture()
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        let error = #expect(throws: WarehouseError.self) { try Warehouse(path: fixture.path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.description.contains("v99-from-the-future") == true)
        #expect(error?.description.contains(fixture.path) == true)
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied.last == "v99-from-the-future")
    }

    @Test("A stored finding with a severity this version does not know is an error naming the row, not an info finding")
    func strictFindings() async throws {
        let fixture = try WarehouseFixture()
        let finding = Finding(fingerprint: "fp-1", ruleID: "WS-1", category: .wildcardScope, severity: .critical, title: "t", detail: "d")
        _ = try await fixture.warehouse.recordEvaluation([finding], asOf: WarehouseFixture.day0, lookbackFrom: 0, policyDigest: "p", startedAt: Date(), at: Date())
        #expect(try await fixture.warehouse.findings().map(\.severity) == [.critical])
        let queue = try DatabaseQueue(path: fixture.path)
        // Written behind the tool's back (the row ledger's trigger dropped, as an attacker would).
        try await queue.write { try $0.execute(sql: "DROP TRIGGER ledger_finding_update; UPDATE finding SET severity = 'catastrophic'") }
        let error = await #expect(throws: StoredFindingError.self) { try await fixture.warehouse.findings() }
        #expect(error?.description.contains("fp-1") == true)
        #expect(error?.description.contains("severity") == true)
        try await queue.write { try $0.execute(sql: "UPDATE finding SET severity = 'critical', evidence_json = '{not json'") }
        let evidence = await #expect(throws: StoredFindingError.self) { try await fixture.warehouse.findings() }
        #expect(evidence?.column == "evidence_json")
    }
}

@Suite("Migration v5: the sources of a run")
struct SourceMigrationTests {
    @Test("A warehouse of the previous schema keeps its watermark, renamed after the audit log, and each run gets its audit-log line")
    func fromV4() async throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v4-events-by-hour-and-actor")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO extraction_run (started_at, finished_at, status, dialect, since, until, windows, pages, requests, events_seen, events_stored)
                VALUES ('2026-11-01T00:00:00.000Z', '2026-11-01T00:05:00.000Z', 'succeeded', 'guide', '2026-10-01T00:00:00.000Z',
                        '2026-11-01T00:00:00.000Z', 31, 62, 70, 6000, 5990);
                INSERT INTO checkpoint (name, value) VALUES ('watermark', '2026-11-01T00:00:00.000Z');
                """)
        }
        let warehouse = try Warehouse(database: queue)
        #expect(try await warehouse.watermark(of: .auditLog) == Timestamp.parseMilliseconds("2026-11-01T00:00:00.000Z"))
        let lines = try await warehouse.sourceRuns(runID: 1)
        #expect(lines.map(\.source) == [.auditLog])
        #expect(lines.first.map { [$0.windows, $0.pages, $0.requests, $0.itemsSeen, $0.itemsStored] } == [31, 62, 70, 6000, 5990])
        #expect(lines.first?.status == "succeeded")
        #expect(try warehouse.appliedMigrations().contains("v5-extraction-sources"))
    }
}

@Suite("Migration v6: why a finding was resolved")
struct ResolutionNoteMigrationTests {
    @Test("A finding stored before v6 reads back without a note; the findings view shows the new column")
    func fromV5() async throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v5-extraction-sources")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO evaluation_run (as_of, lookback_from, started_at, finished_at, policy_digest, found, new, still_open, resolved, waived)
                VALUES ('2026-11-01T00:00:00.000Z', '2026-08-03T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:01.000Z', 'p', 1, 1, 0, 0, 0);
                INSERT INTO finding (fingerprint, rule_id, category, severity, client_id, client_name, partner, environment, subject, title, detail,
                    evidence_json, controls_json, remediation, status, first_seen, last_seen, resolved_at, waiver_json, evaluation_id)
                VALUES ('f1', 'AL-2', 'allowlist', 'high', 'c1', 'App', 'acme', 'prod', '47.176.0.0/12', 't', 'd',
                    '{"cidrs":[],"counts":{},"events":[],"scopes":[],"sourceIPs":[]}', '[]', 'r', 'open', '2026-11-01T00:00:00.000Z',
                    '2026-11-01T00:00:00.000Z', NULL, NULL, 1);
                """)
        }
        let warehouse = try Warehouse(database: queue)
        let stored = try #require(try await warehouse.findings().first)
        #expect(stored.resolutionNote == nil && stored.evidence.affectedClients.isEmpty)
        let columns = try await queue.read { db in try db.columns(in: "findings").map(\.name) }
        #expect(columns.last == "resolution_note")
    }
}

@Suite("The warehouse file's page size")
struct PageSizeTests {
    static func pageSize(_ path: String) async throws -> Int {
        try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_size")! }
    }

    @Test("A new warehouse has 16 KiB pages; one made with 4 KiB keeps them, and opens, stores and verifies")
    func pageSize() async throws {
        let fixture = try WarehouseFixture()
        #expect(try await Self.pageSize(fixture.path) == 16_384)

        let older = fixture.folder.appendingPathComponent("older.sqlite").path
        try await DatabaseQueue(path: older).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL")
        }
        let warehouse = try Warehouse(path: older)
        let window = TimeWindow(fromMillis: WarehouseFixture.day0, toMillis: WarehouseFixture.day0 + .day)
        let run = try await warehouse.startRun(dialect: .guide, range: window, at: Date())
        _ = try await warehouse.commitWindow(runID: run, window: window, pages: 1, requests: 1,
                                             events: [WarehouseFixture.event("e1"), WarehouseFixture.event("e2", offset: 1)],
                                             advancesWatermark: true, at: Date())
        #expect(try await warehouse.verifyChain().isIntact)
        #expect(try await warehouse.verifyChain().rows == 2)
        #expect(try await Self.pageSize(older) == 4_096)
    }
}
