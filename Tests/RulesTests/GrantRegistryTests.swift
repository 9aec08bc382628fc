import Foundation
import GRDB
import PartnerAuditCore
@testable import Rules
import Simulator
import Testing
import TestSupport
import Warehouse

/// WS-2 against the organisation's own registries (issue 12, item 3; rules.md: WS-2 reads the
/// organisation's own scope and permission catalogs in the live dialect, the shipped list as fallback).
@Suite("The organisation's own known-grant registries")
struct GrantRegistryTests {
    /// The clients and subjects WS-2 was planted for.
    private static func plantedDrift(_ organization: SimulatedOrganization) -> Set<String> {
        Set(organization.plantedMisconfigurations.filter { $0.ruleId == "WS-2" }.map { "\($0.clientId) \(LivePermissions.permission(forScope: $0.subject ?? ""))" })
    }

    @Test("A live extraction stores both registries once; WS-2 fires where planted and nowhere else, naming the organisation's registries")
    func organizationRegistries() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 5, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        let findings = try await fixture.extractAndEvaluate()
        let registries = try await fixture.warehouse().grantRegistries(asOf: Timestamp.milliseconds(fixture.clock.now))
        #expect(registries[.permissions]?.registry.entries == LiveRegistry.permissions)
        #expect(registries[.scopes]?.registry.entries == LiveRegistry.scopes)

        let drift = findings.filter { $0.ruleID == "WS-2" }
        #expect(!drift.isEmpty)
        #expect(Set(drift.map { "\($0.clientID) \($0.subject)" }) == Self.plantedDrift(fixture.organization))
        #expect(drift.allSatisfy { $0.detail.contains("the organisation's OAuth scope registry (\(LiveRegistry.scopes.count) entries, read ")
                                   && $0.detail.contains("the organisation's permission catalog (\(LiveRegistry.permissions.count) entries, read ") })
        #expect(drift.allSatisfy { !$0.detail.contains("shipped") })

        // Read again unchanged, a registry stores nothing; the ledger covers what was stored.
        fixture.clock.advance(by: .seconds(3600))
        let again = try await fixture.extractor(warehouse: try fixture.warehouse()).run()
        #expect(again.registries.count == 2)
        let rows = try ReadOnlyQuery.run("SELECT kind FROM grant_registry ORDER BY kind", warehouse: fixture.warehousePath).rows
        #expect(rows.map { $0.first ?? nil } == ["permission", "scope"])
        #expect(try await fixture.warehouse().verifyChain().isIntact)
    }

    @Test("A forbidden permission catalog leaves the run going and WS-2 on the shipped list for it, which the finding says")
    func forbiddenCatalog() async throws {
        let fixture = try await SimulatorFixture(scale: 2_000, days: 5, faults: "forbid=/api/v2/authorization/permissions", dialect: .live)
        defer { Task { await fixture.tearDown() } }
        let findings = try await fixture.extractAndEvaluate()
        let registries = try await fixture.warehouse().grantRegistries(asOf: Timestamp.milliseconds(fixture.clock.now))
        #expect(registries[.permissions] == nil && registries[.scopes] != nil)

        let drift = findings.filter { $0.ruleID == "WS-2" }
        #expect(Set(drift.map { "\($0.clientID) \($0.subject)" }) == Self.plantedDrift(fixture.organization))
        #expect(drift.allSatisfy { $0.detail.contains("the organisation's OAuth scope registry") && $0.detail.contains("the shipped known-grant registry in place of those not read") })
    }

    @Test("The guide dialect has no registries: WS-2 names the shipped list")
    func guideUsesShippedList() async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 5)
        defer { Task { await fixture.tearDown() } }
        let drift = try await fixture.extractAndEvaluate().filter { $0.ruleID == "WS-2" }
        #expect(!drift.isEmpty)
        #expect(drift.allSatisfy { $0.detail.contains("not in the shipped known-grant registry and") })
    }

    @Test("The registry as of a moment is the latest content read by then; a changed one is a new row, an unchanged one none; an edit behind the tool's back fails verify")
    func registryHistory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try Warehouse(path: path)
        let run = try await warehouse.startRun(dialect: .live, range: TimeWindow(fromMillis: 0, toMillis: 1), at: Date())
        let first = Date(timeIntervalSince1970: 1_800_000_000), later = first.addingTimeInterval(86_400)
        #expect(try await warehouse.recordGrantRegistry(GrantRegistry(kind: .permissions, entries: ["b:x:view", "a:x:view"]), runID: run, at: first))
        #expect(try await !warehouse.recordGrantRegistry(GrantRegistry(kind: .permissions, entries: ["a:x:view", "b:x:view", "a:x:view"]), runID: run, at: later))
        #expect(try await warehouse.recordGrantRegistry(GrantRegistry(kind: .permissions, entries: ["a:x:view"]), runID: run, at: later))

        let before = try await warehouse.grantRegistries(asOf: Timestamp.milliseconds(first) + 1000)
        #expect(before[.permissions]?.registry.entries == ["a:x:view", "b:x:view"])
        #expect(before[.scopes] == nil)
        let after = try await warehouse.grantRegistries(asOf: Timestamp.milliseconds(later))
        #expect(after[.permissions]?.registry.entries == ["a:x:view"])
        #expect(try await warehouse.verifyChain().isIntact)

        let outside = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try outside.write { try $0.execute(sql: "DELETE FROM grant_registry") } }
        try await outside.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_grant_registry_update")
            try db.execute(sql: #"UPDATE grant_registry SET entries_json = '["a:x:view","b:x:view","routing:queue:raed"]'"#)
        }
        #expect(try await !Warehouse(path: path).verifyChain().isIntact)
    }

    @Test("Known grants: the organisation's registries replace the shipped list; one not read falls back for its part")
    func knownGrantsProvenance() {
        let shipped: Set<String> = ["routing:queue:view", "routing:queue:read"]
        let none = KnownGrants(shipped: shipped, organization: [:])
        #expect(none.grants == shipped && none.provenance == "the shipped known-grant registry")
        let permissions = StoredGrantRegistry(registry: GrantRegistry(kind: .permissions, entries: ["audits:audit:view"]), runID: 3, readAt: "2026-12-01T00:00:00.000Z")
        let scopes = StoredGrantRegistry(registry: GrantRegistry(kind: .scopes, entries: ["routing"]), runID: 3, readAt: "2026-12-01T00:00:00.000Z")
        let both = KnownGrants(shipped: shipped, organization: [.permissions: permissions, .scopes: scopes])
        #expect(both.grants == ["audits:audit:view", "routing"])
        #expect(both.provenance == "the organisation's permission catalog (1 entry, read 2026-12-01T00:00:00.000Z) and the organisation's OAuth scope registry (1 entry, read 2026-12-01T00:00:00.000Z)")
        let one = KnownGrants(shipped: shipped, organization: [.permissions: permissions])
        #expect(one.grants == shipped.union(["audits:audit:view"]))
        #expect(one.provenance.hasSuffix("and the shipped known-grant registry in place of those not read"))
    }
}
