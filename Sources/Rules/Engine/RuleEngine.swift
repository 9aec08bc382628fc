import Foundation
import Logging
import PartnerAuditCore
import Warehouse

/// Evaluates every rule of the catalog as of one moment and moves the findings' lifecycle.
///
/// Reads client snapshots and event aggregates from the warehouse; never the network.
package struct RuleEngine: Sendable {
    package let warehouse: Warehouse
    package let policy: Policy
    package let catalog: ScopeCatalog
    package let rules: [any Rule]
    private let logger: Logger

    package init(warehouse: Warehouse, policy: Policy, catalog: ScopeCatalog, rules: [any Rule] = RuleEngine.allRules, logger: Logger) {
        self.warehouse = warehouse
        self.policy = policy
        self.catalog = catalog
        self.rules = rules
        self.logger = logger
    }

    /// Every rule, in catalog order.
    package static var allRules: [any Rule] {
        WildcardScopeRules.all + LeastPrivilegeRules.all + AllowlistRules.all + EnvironmentReuseRules.all
            + AuditTrailRules.all + ChangeManagementRules.all + AnomalyRules.all
    }

    /// The findings as of `asOf`, waivers applied, without storing anything.
    package func findings(asOf: Int64) async throws -> [Finding] {
        let lookback = TimeWindow(fromMillis: asOf - Int64(policy.lookbackDays) * 86_400_000, toMillis: asOf)
        let clients = try await warehouse.clients(asOf: asOf).map { AttributedClient($0, policy: policy) }
        let facts = try await EvaluationFacts.load(from: warehouse, lookback: lookback, policy: policy, catalog: catalog)
        let context = EvaluationContext(asOf: asOf, lookback: lookback, policy: policy, catalog: catalog, clients: clients, facts: facts, warehouse: warehouse)
        var findings: [Finding] = []
        for rule in rules {
            guard let definition = RuleCatalog.definition(rule.id) else { continue }
            for hit in try await rule.evaluate(context) {
                findings.append(finding(from: hit, definition: definition, asOf: asOf))
            }
        }
        return findings
    }

    /// Evaluates and stores: new findings start, found ones stay open, missing ones are resolved.
    package func evaluate(asOf: Int64, policyDigest: String, startedAt: Date, now: Date) async throws -> (LifecycleSummary, [Finding]) {
        let found = try await findings(asOf: asOf)
        let lookbackFrom = asOf - Int64(policy.lookbackDays) * 86_400_000
        let summary = try await warehouse.recordEvaluation(found, asOf: asOf, lookbackFrom: lookbackFrom, policyDigest: policyDigest, startedAt: startedAt, at: now)
        logger.info("evaluation \(summary.evaluationID): \(summary.found) findings (\(summary.new) new, \(summary.stillOpen) still open, \(summary.resolved) resolved, \(summary.waived) waived)")
        return (summary, found)
    }

    private func finding(from hit: RuleHit, definition: RuleDefinition, asOf: Int64) -> Finding {
        let clientID = hit.client?.id ?? ""
        var finding = Finding(
            fingerprint: Fingerprint.of(ruleID: definition.id, clientID: clientID, subject: hit.subject),
            ruleID: definition.id, category: definition.category, severity: hit.severity, clientID: clientID,
            clientName: hit.client?.name ?? "", partner: hit.client?.partner ?? "", environment: hit.client?.environment ?? "",
            subject: hit.subject, title: hit.title ?? definition.title, detail: hit.detail, evidence: hit.evidence,
            controls: definition.controlReferences, remediation: definition.remediation, status: .open)
        policy.applyWaiver(to: &finding, at: Timestamp.date(milliseconds: asOf))
        return finding
    }
}
