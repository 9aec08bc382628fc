import Foundation
import PartnerAuditCore
@testable import Rules
import Testing
import TestSupport
import Warehouse

/// A source the platform stops giving (second red-team pass, issue 16): what earlier runs read
/// does not make its rules look tested.
@Suite("A source read once, then refused")
struct UnavailableSourceTests {
    @Test("Usage read by one run and refused (403) by the next: LP-2, AN-1 and AN-2 are not testable, naming the refusal")
    func usageLost() async throws {
        let first = try await SimulatorFixture(scale: 2_000, days: 5, dialect: .live)
        defer { Task { await first.tearDown() } }
        let before = try await first.extractAndEvaluate()
        #expect(!before.contains { $0.subject == "not-testable" && ["LP-2", "AN-1", "AN-2"].contains($0.ruleID) })

        let refused = try await SimulatorFixture(scale: 2_000, days: 5, faults: "forbid=/api/v2/usage", dialect: .live)
        defer { Task { await refused.tearDown() } }
        refused.clock.advance(by: .seconds(7_200))
        let warehouse = try first.warehouse()
        let summary = try await refused.extractor(warehouse: warehouse).run()
        #expect(summary.sources.first { $0.source == .apiUsage }?.unavailable?.contains("403") == true)

        let policy = try Policy(yaml: refused.organization.policyYAML, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
        let engine = RuleEngine(warehouse: warehouse, policy: policy, catalog: try ScopeCatalog.load(), logger: refused.logger)
        let after = try await engine.findings(asOf: Timestamp.milliseconds(refused.clock.now))
        for rule in ["LP-2", "AN-1", "AN-2"] {
            let said = after.first { $0.ruleID == rule && $0.subject == "not-testable" }
            #expect(said?.title.contains("the latest extraction could not read the API usage") == true, "\(rule): \(said?.title ?? "tested")")
        }
    }
}
