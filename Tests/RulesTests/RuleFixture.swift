import Foundation
import Logging
import PartnerAuditCore
@testable import Rules
import Warehouse

/// A real warehouse file with hand-made clients and events, and a policy, for one rule test.
///
/// The moment of evaluation is `RuleFixture.asOf`; event offsets are relative to it.
final class RuleFixture: @unchecked Sendable {
    static let asOf: Int64 = 1_790_812_800_000  // 2026-10-01T00:00:00Z, a Thursday
    static let day: Int64 = 86_400_000

    let folder: URL
    let warehouse: Warehouse
    var policy: Policy
    private var clients: [ClientSnapshot] = []
    private var events: [AuditEvent] = []
    private var counter = 0

    init(policy: Policy = RuleFixture.standardPolicy) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-tests-\(UUID().uuidString)")
        warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
        self.policy = policy
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Partners acme (prod 34.10.0.0/24, staging 34.20.0.0/24) and globex (prod 52.30.0.0/24).
    static var standardPolicy: Policy {
        let yaml = """
            lookbackDays: 90
            dormantDays: 60
            secretMaxAgeDays: 90
            changeWindows:
              - weekday: saturday
                from: "02:00"
                to: "06:00"
            partners:
              - id: acme
                name: ACME Corp
                approvedScopes: [routing:queue:read, users:read, analytics:report:read]
                networks:
                  prod: [34.10.0.0/24]
                  staging: [34.20.0.0/24]
              - id: globex
                name: Globex
                approvedScopes: [routing:queue:read]
                networks:
                  prod: [52.30.0.0/24]
            """
        return try! Policy(yaml: yaml, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
    }

    /// Adds a client; by default a clean ACME prod app with an allowlist and a fresh secret.
    @discardableResult
    func client(
        _ id: String, name: String = "Partner-Integration-Prod-Acme", scopes: [String] = ["routing:queue:read"],
        allowlist: [String]? = ["34.10.0.0/24"], type: String = "public", grantType: String = "client_credentials",
        allUsers: Bool = false, created: Int64 = -200, secretRotated: Int64? = -10, state: String = "active",
        organizationWideAllowlist: Bool = false
    ) -> String {
        var json: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "type": .string(type), "grantType": .string(grantType),
            "scopes": .array(scopes.map(JSONValue.string)), "allowAccessToAllUsers": .bool(allUsers), "state": .string(state),
            "dateCreated": .string(Timestamp.format(milliseconds: Self.asOf + created * Self.day)),
        ]
        if let allowlist { json["ipWhitelist"] = .array(allowlist.map(JSONValue.string)) }
        if let secretRotated { json["secretLastRotated"] = .string(Timestamp.format(milliseconds: Self.asOf + secretRotated * Self.day)) }
        var snapshot = try! ClientSnapshot(sourceJSON: .object(json))
        // The live platform's one allowlist, which every client carries.
        if organizationWideAllowlist { snapshot.ipAllowlistScope = .organization }
        clients.append(snapshot)
        return id
    }

    /// Adds an event `minutesAgo` before the evaluation moment.
    func event(_ actor: String, minutesAgo: Int64, action: String = "api.request", outcome: String = "success",
               ip: String = "34.10.0.5", method: String = "GET", path: String = "/api/v2/routing/queues", status: Int = 200,
               scope: String? = nil, actorType: String = "oauthclient", resourceID: String? = nil, changes: JSONValue? = nil) {
        counter += 1
        var details: [String: JSONValue] = ["sourceIp": .string(ip)]
        if action == "api.request" {
            details["method"] = .string(method)
            details["path"] = .string(path)
            details["status"] = .int(Int64(status))
        }
        if let scope { details["scope"] = .string(scope) }
        if let changes { details["changes"] = changes }
        var json: [String: JSONValue] = [
            "id": .string(String(format: "evt-%06d", counter)), "actorType": .string(actorType), "actorId": .string(actor),
            "timestamp": .string(Timestamp.format(milliseconds: Self.asOf - minutesAgo * 60_000)), "action": .string(action),
            "resource": .string("test"), "outcome": .string(outcome), "details": .object(details),
        ]
        if let resourceID { json["resourceId"] = .string(resourceID) }
        events.append(try! AuditEvent(guideJSON: .object(json)))
    }

    /// Stores clients (observed before the lookback) and events (one complete window over the whole lookback, unless told).
    func store(coverage: [(fromDaysAgo: Int64, toDaysAgo: Int64)] = [(120, 0)], dialect: SourceDialect = .guide) async throws {
        _ = try await warehouse.recordClients(clients, runID: nil, at: Timestamp.date(milliseconds: Self.asOf - 150 * Self.day))
        let sorted = events.sorted { $0.timestampMillis < $1.timestampMillis }
        for (from, to) in coverage {
            let window = TimeWindow(fromMillis: Self.asOf - from * Self.day, toMillis: Self.asOf - to * Self.day)
            let run = try await warehouse.startRun(dialect: dialect, range: window, at: Date())
            let inside = sorted.filter { $0.timestampMillis >= window.fromMillis && $0.timestampMillis < window.toMillis }
            _ = try await warehouse.commitWindow(runID: run, window: window, pages: 1, requests: 1, events: inside, advancesWatermark: true, at: Date())
        }
    }

    /// Stores everything and returns the findings as of `asOf`.
    func findings(rule: String? = nil) async throws -> [Finding] {
        try await store()
        return try await evaluate(rule: rule)
    }

    /// Findings as of `asOf` from what is already stored.
    func evaluate(rule: String? = nil) async throws -> [Finding] {
        let engine = RuleEngine(warehouse: warehouse, policy: policy, catalog: try ScopeCatalog.load(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let all = try await engine.findings(asOf: Self.asOf)
        return rule.map { id in all.filter { $0.ruleID == id } } ?? all
    }
}
