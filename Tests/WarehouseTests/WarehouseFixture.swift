import Foundation
import GRDB
import PartnerAuditCore
@testable import Warehouse

/// A fresh warehouse file in its own temporary folder, removed when the fixture goes.
final class WarehouseFixture {
    let folder: URL
    let path: String
    let warehouse: Warehouse

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-tests-\(UUID().uuidString)")
        path = folder.appendingPathComponent("warehouse.sqlite").path
        warehouse = try Warehouse(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static let day0: Int64 = 1_790_000_000_000

    /// An api.request event at `day0 + offset` ms.
    static func event(_ id: String, offset: Int64 = 0, actor: String = "client-1", ip: String = "34.1.2.3") -> AuditEvent {
        let details: JSONValue = .object(["method": .string("GET"), "path": .string("/api/v2/users"), "status": .int(200), "sourceIp": .string(ip)])
        let raw: JSONValue = .object([
            "id": .string(id), "actorType": .string("oauthclient"), "actorId": .string(actor),
            "timestamp": .string(Timestamp.format(milliseconds: day0 + offset)), "action": .string("api.request"),
            "resource": .string("users"), "outcome": .string("success"), "details": details,
        ])
        return try! AuditEvent(guideJSON: raw)
    }

    /// A warehouse file beside this one as an earlier version left it: migrated up to `migration`
    /// (the ledger's functions registered, as that version's connections had them), then
    /// `prepare` run on it. Returns its path; opening it with `Warehouse(path:)` migrates it forward.
    func olderWarehouse(upTo migration: String, prepare: (Database) throws -> Void = { _ in }) throws -> String {
        let older = folder.appendingPathComponent("older.sqlite").path
        let queue = try DatabaseQueue(path: older, configuration: {
            var configuration = GRDB.Configuration()
            configuration.prepareDatabase { RowLedger.register($0) }
            return configuration
        }())
        try Migrations.migrator.migrate(queue, upTo: migration)
        try queue.write(prepare)
        try queue.close()
        return older
    }

    /// Commits events as one window of a new run.
    @discardableResult
    func commit(_ events: [AuditEvent], from: Int64 = 0, to: Int64 = 86_400_000) async throws -> WindowCommit {
        let window = TimeWindow(fromMillis: Self.day0 + from, toMillis: Self.day0 + to)
        let run = try await warehouse.startRun(dialect: .guide, range: window, at: Date())
        return try await warehouse.commitWindow(runID: run, window: window, pages: 1, requests: 1, events: events, advancesWatermark: true, at: Date())
    }
}
