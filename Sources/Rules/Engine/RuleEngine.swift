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
        try await judged(asOf: asOf).findings
    }

    /// The findings as of `asOf` and the chain's verdict they rest on.
    private func judged(asOf: Int64) async throws -> (findings: [Finding], chain: ChainVerification) {
        // A value its column does not allow would trap the readers: stop before reading anything.
        if let misplaced = try await warehouse.misplacedValue() {
            throw UnreadableBrokenWarehouse(chain: try await warehouse.verdict(holding: misplaced), underlying: misplaced)
        }
        do {
            let lookback = TimeWindow(last: .days(policy.lookbackDays), endingAt: asOf)
            let clients = try await warehouse.clients(asOf: asOf).map { AttributedClient($0, policy: policy) }
            let facts = try await EvaluationFacts.load(from: warehouse, lookback: lookback, policy: policy, catalog: catalog)
            let context = EvaluationContext(asOf: asOf, lookback: lookback, policy: policy, catalog: catalog, clients: clients, facts: facts, warehouse: warehouse)
            return (try await findings(of: rules, in: context), facts.chain)
        } catch let error as CancellationError {
            throw error
        } catch {
            // Rows that will not decode may be rows rewritten behind the tool's back: the chain says which.
            let chain = try await warehouse.verifyChain()
            if !chain.isIntact { throw UnreadableBrokenWarehouse(chain: chain, underlying: error) }
            throw error
        }
    }

    /// The audit-trail findings (AT-1, AT-2) of a stretch judged on its own — an evidence
    /// pack's period — from its extraction coverage and the chain's verdict, seen at `asOf`.
    ///
    /// The same rules and the same finding assembly as `findings(asOf:)`, so a pack and the
    /// nightly evaluation word, fingerprint and waive them alike.
    package func auditTrailFindings(judging audited: TimeWindow, coverage: [CoverageWindow], chain: ChainVerification, asOf: Int64) async throws -> [Finding] {
        var facts = EvaluationFacts()
        facts.coverage = coverage
        facts.chain = chain
        let context = EvaluationContext(
            asOf: asOf, lookback: audited, audited: audited, policy: policy, catalog: catalog, clients: [], facts: facts, warehouse: warehouse)
        let seen = Timestamp.format(milliseconds: asOf)
        return try await findings(of: AuditTrailRules.all, in: context).map { finding in
            var finding = finding
            finding.firstSeen = seen
            finding.lastSeen = seen
            return finding
        }
    }

    /// Runs `rules` (those of the catalog among them) in order and assembles their findings.
    private func findings(of rules: [any Rule], in context: EvaluationContext) async throws -> [Finding] {
        var findings: [Finding] = []
        for rule in rules {
            guard let definition = RuleCatalog.definition(rule.id) else { continue }
            if let reason = RuleSources.notTestable(rule.id, from: context.facts.extracted) {
                findings.append(finding(from: .notTestable(because: reason), definition: definition, asOf: context.asOf))
                continue
            }
            for hit in try await rule.evaluate(context) {
                findings.append(finding(from: hit, definition: definition, asOf: context.asOf))
            }
        }
        return findings
    }

    /// Evaluates and stores: new findings start, found ones stay open, missing ones are resolved.
    ///
    /// A broken chain is stored as a finding (AT-2, critical) and handed back in the result, so
    /// the caller can refuse to go on. Over a broken chain the AT-2 is the only finding stored
    /// and nothing is resolved: writing the others again would write back a finding deleted or
    /// edited behind the tool's back, with a fresh ledger entry, and the next `verify` would pass;
    /// and what tampered rows no longer show is not taken as fixed. The result then holds only
    /// what was stored.
    package func evaluate(asOf: Int64, policyDigest: String, startedAt: Date, now: Date) async throws -> EvaluationResult {
        let (found, chain) = try await judged(asOf: asOf)
        let lookbackFrom = asOf - .days(policy.lookbackDays)
        let storing = chain.isIntact ? found : found.filter { $0.ruleID == AuditTrailRules.BrokenChain.ruleID }
        var summary = try await warehouse.recordEvaluation(storing, asOf: asOf, lookbackFrom: lookbackFrom, policyDigest: policyDigest,
                                                           startedAt: startedAt, at: now, overIntactChain: chain.isIntact)
        summary.withheldOnBrokenChain += found.count - storing.count
        logger.info("evaluation \(summary.evaluationID): \(summary.found) findings (\(summary.new) new, \(summary.stillOpen) still open, \(summary.resolvedDescription), \(summary.waived) waived)")
        let stored = storing.filter { !summary.withheldFingerprints.contains($0.fingerprint) }
        return EvaluationResult(summary: summary, findings: stored, chain: chain)
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

/// What one stored evaluation found, what it changed, and the chain's verdict it rests on.
package struct EvaluationResult: Sendable {
    package var summary: LifecycleSummary
    /// The findings stored: every one found over an intact chain, the AT-2 alone over a broken one.
    package var findings: [Finding]
    package var chain: ChainVerification
}
