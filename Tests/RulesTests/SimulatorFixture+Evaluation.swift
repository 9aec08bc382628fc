import Foundation
import PartnerAuditCore
@testable import Rules
import TestSupport

extension SimulatorFixture {
    /// Extracts everything visible an hour after the organisation's start (the audit log, and in
    /// the live dialect the API usage rows) and evaluates it with the simulator's own policy.
    func extractAndEvaluate() async throws -> [Finding] {
        clock.advance(by: .seconds(3600))
        _ = try await extractor(warehouse: try warehouse()).run()
        let policy = try Policy(yaml: organization.policyYAML, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
        let engine = RuleEngine(warehouse: try warehouse(), policy: policy, catalog: try ScopeCatalog.load(), logger: logger)
        return try await engine.evaluate(asOf: Timestamp.milliseconds(clock.now), policyDigest: "test", startedAt: Date(), now: Date()).findings
    }
}
