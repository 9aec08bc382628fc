import Foundation
import PartnerAuditCore
import Warehouse

/// Everything the rules read from the warehouse, aggregated by SQL before any rule runs.
///
/// Per-client maps are keyed by client id; nothing here grows with the number of events,
/// only with clients, source IPs and buckets.
package struct EvaluationFacts: Sendable {
    /// Scopes each client exercised in the lookback (recorded on the event, else from the endpoint map).
    package var usedScopes: [String: Set<String>] = [:]
    /// `api.request` calls per client in the lookback.
    package var requestCounts: [String: Int] = [:]
    /// Calls per client whose scope neither the event nor the endpoint map tells.
    package var unmappedCalls: [String: Int] = [:]
    /// Per client: traffic by source IP, action and whether it got through.
    package var sourceUsage: [String: [SourceUsageRow]] = [:]
    /// Each client's last event as actor before the evaluation moment (all history).
    package var lastActivity: [String: String] = [:]
    /// Each client's last secret rotation event before the evaluation moment.
    package var secretRotations: [String: String] = [:]
    package var denialBursts: [String: [BucketCount]] = [:]
    package var rateLimitedDays: [String: [BucketCount]] = [:]
    /// Client create/update/delete/rotate events in the lookback, oldest first.
    package var changeEvents: [ClientChangeEvent] = []
    /// Extraction windows overlapping the lookback.
    package var coverage: [CoverageWindow] = []
    /// The earliest moment any complete window covers, if any.
    package var coverageStart: Int64?
    package var chain = ChainVerification(rows: 0, head: "", firstBreak: nil)

    package init() {}

    /// Runs the aggregate queries for one evaluation.
    package static func load(from warehouse: Warehouse, lookback: TimeWindow, policy: Policy, catalog: ScopeCatalog) async throws -> EvaluationFacts {
        var facts = EvaluationFacts()
        for row in try await warehouse.scopeUsage(in: lookback) {
            facts.requestCounts[row.clientID, default: 0] += row.count
            if let scope = row.scope ?? row.method.flatMap({ method in row.path.flatMap { catalog.endpoints.scope(method: method, path: $0) } }) {
                facts.usedScopes[row.clientID, default: []].insert(scope)
            } else {
                facts.unmappedCalls[row.clientID, default: 0] += row.count
            }
        }
        facts.sourceUsage = Dictionary(grouping: try await warehouse.sourceUsage(in: lookback), by: \.clientID)
        facts.lastActivity = try await warehouse.lastActivity(before: lookback.toMillis)
        facts.secretRotations = try await warehouse.lastSecretRotations(before: lookback.toMillis)
        facts.denialBursts = Dictionary(grouping: try await warehouse.denialBursts(in: lookback, threshold: policy.anomaly.deniedPerHour), by: \.clientID)
        facts.rateLimitedDays = Dictionary(grouping: try await warehouse.rateLimitedDays(in: lookback, threshold: policy.anomaly.rateLimitedPerDay), by: \.clientID)
        facts.changeEvents = try await warehouse.clientChangeEvents(in: lookback)
        facts.coverage = try await warehouse.coverage(of: lookback)
        facts.coverageStart = try await warehouse.coverageStart()
        facts.chain = try await warehouse.verifyChain()
        return facts
    }
}
