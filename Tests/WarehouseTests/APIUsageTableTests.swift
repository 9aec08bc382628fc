import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("The api_usage table: append-only usage rows, one per distinct set of figures, the view showing the latest")
struct APIUsageTableTests {
    private static let day = "2026-09-29"

    private func row(_ client: String, _ template: String = "api/v2/routing/queues", day: String = day, requests: Int, status429: Int = 0) -> APIUsageRow {
        APIUsageRow(clientID: client, clientName: "App \(client)", templateURI: template, method: "GET", day: day,
                    figures: UsageFigures(requests: requests, status200: requests - status429, status400: status429, status429: status429))
    }

    private func commit(_ fixture: WarehouseFixture, _ rows: [APIUsageRow], checkpoint: Int64? = nil) async throws -> UsageCommit {
        let run = try await fixture.warehouse.startRun(dialect: .live, range: TimeWindow(fromMillis: 0, toMillis: 1), at: Date())
        try await fixture.warehouse.startSource(.apiUsage, runID: run, range: TimeWindow(fromMillis: 0, toMillis: 1), at: Date())
        return try await fixture.warehouse.commitUsage(runID: run, rows: rows, polls: 2, requests: 3, checkpoint: checkpoint, at: Date())
    }

    private func count(_ fixture: WarehouseFixture, _ table: String) throws -> Int {
        try DatabaseQueue(path: fixture.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test("The same figures again store nothing; grown figures are a new row and the view shows them")
    func figuresStoredOncePerDistinctSet() async throws {
        let fixture = try WarehouseFixture()
        let first = try await commit(fixture, [row("c1", requests: 5), row("c2", requests: 7), row("c2", requests: 7)], checkpoint: 1_000)
        #expect(first == UsageCommit(seen: 3, stored: 2))
        let again = try await commit(fixture, [row("c1", requests: 5), row("c2", requests: 7)])
        #expect(again.stored == 0)
        let grown = try await commit(fixture, [row("c1", requests: 9, status429: 2), row("c2", requests: 7)])
        #expect(grown.stored == 1)

        #expect(try count(fixture, "api_usage_row") == 3)
        #expect(try count(fixture, "api_usage") == 2)
        let view = try ReadOnlyQuery.run("SELECT client_id, day, template_uri, method, requests, status_2xx, status_4xx, status_429 FROM api_usage ORDER BY client_id",
                                         warehouse: fixture.path)
        #expect(view.rows.first == ["c1", Self.day, "api/v2/routing/queues", "GET", "9", "7", "2", "2"])
        let window = TimeWindow(fromMillis: Timestamp.parseMilliseconds(Self.day + "T00:00:00Z")!, toMillis: Timestamp.parseMilliseconds(Self.day + "T12:00:00Z")!)
        #expect(try await fixture.warehouse.usageRows(in: window).map(\.figures.requests) == [9, 7])
        #expect(try await fixture.warehouse.watermark(of: .apiUsage) == 1_000)
    }

    @Test("The rules' questions read the latest figures: requests per endpoint, the last day with requests, days of 429s")
    func aggregateQuestions() async throws {
        let fixture = try WarehouseFixture()
        _ = try await commit(fixture, [
            row("c1", day: "2026-09-27", requests: 3), row("c1", "api/v2/users/{userId}", day: "2026-09-28", requests: 4),
            row("c1", day: "2026-09-29", requests: 6, status429: 6), row("c2", day: "2026-09-26", requests: 0),
        ])
        _ = try await commit(fixture, [row("c1", day: "2026-09-29", requests: 8, status429: 8)])
        let lookback = TimeWindow(fromMillis: Timestamp.parseMilliseconds("2026-09-01T00:00:00Z")!, toMillis: Timestamp.parseMilliseconds("2026-10-01T00:00:00Z")!)
        let byEndpoint = try await fixture.warehouse.usageByEndpoint(in: lookback)
        #expect(Set(byEndpoint) == [EndpointUsage(clientID: "c1", templateURI: "api/v2/routing/queues", method: "GET", requests: 11),
                                    EndpointUsage(clientID: "c1", templateURI: "api/v2/users/{userId}", method: "GET", requests: 4)])
        #expect(try await fixture.warehouse.lastUsageDay(before: lookback.toMillis) == ["c1": "2026-09-29"])
        let before29 = Timestamp.parseMilliseconds("2026-09-29T00:00:00Z")!
        #expect(try await fixture.warehouse.lastUsageDay(before: before29) == ["c1": "2026-09-28"])
        let throttled = try await fixture.warehouse.usageDays(.rateLimited, in: lookback, threshold: 5)
        #expect(throttled == [BucketCount(clientID: "c1", bucket: "2026-09-29", count: 8)])
        #expect(try await fixture.warehouse.usageDays(.rateLimited, in: lookback, threshold: 9).isEmpty)
    }

    @Test("A warehouse of the previous schema migrates, keeps verifying, and its usage rows are under the row ledger")
    func migrationOfAnOlderWarehouse() async throws {
        let fixture = try WarehouseFixture()
        let path = try fixture.olderWarehouse(upTo: "v7-row-ledger") { db in
            try db.execute(sql: "INSERT INTO checkpoint (name, value) VALUES ('audit-log.watermark', '2026-09-01T00:00:00.000Z')")
        }

        let migrated = try Warehouse(path: path)
        #expect(try migrated.appliedMigrations().contains("v8-api-usage"))
        #expect(try await migrated.verifyChain().isIntact)
        let run = try await migrated.startRun(dialect: .live, range: TimeWindow(fromMillis: 0, toMillis: 1), at: Date())
        _ = try await migrated.commitUsage(runID: run, rows: [row("c1", requests: 5)], polls: 1, requests: 2, checkpoint: nil, at: Date())
        let verdict = try await migrated.verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")

        let outside = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try outside.write { try $0.execute(sql: "DELETE FROM api_usage_row") } }
        try await outside.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_api_usage_row_update")
            try db.execute(sql: "UPDATE api_usage_row SET status_429 = 0, requests = 1")
        }
        let tampered = try await Warehouse(path: path).verifyChain()
        #expect(tampered.firstBreak?.contains("api_usage_row row [1] differs from its last ledger entry") == true, "\(tampered.firstBreak ?? "")")
    }
}
