import Foundation
import Synchronization
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
    /// Per client: traffic by source IP, action and whether it got through, each address parsed once.
    package var traffic: [String: [ClientTraffic]] = [:]
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
    /// The dialects and sources the lookback was extracted from: which rules are testable.
    package var extracted = ExtractedSources()

    package init() {}

    /// Runs the aggregate queries for one evaluation.
    package static func load(from warehouse: Warehouse, lookback: TimeWindow, policy: Policy, catalog: ScopeCatalog) async throws -> EvaluationFacts {
        // The chain walk reads every row; it runs beside the aggregate queries, which run beside each other
        // (a pool serves concurrent reads).
        async let chain = warehouse.verifyChain()
        let collector = FactsCollector(catalog: catalog)
        async let scopes: Void = warehouse.scopeUsage(in: lookback) { collector.add($0) }
        async let sources: Void = warehouse.sourceUsage(in: lookback) { collector.add($0) }
        try await scopes
        try await sources
        var facts = collector.facts
        facts.lastActivity = try await warehouse.lastActivity(before: lookback.toMillis)
        facts.secretRotations = try await warehouse.lastSecretRotations(before: lookback.toMillis)
        facts.denialBursts = Dictionary(grouping: try await warehouse.partnerBuckets(
            .hour, of: .denial, in: lookback, threshold: policy.anomaly.deniedPerHour), by: \.clientID)
        facts.rateLimitedDays = Dictionary(grouping: try await warehouse.partnerBuckets(
            .day, of: .rateLimited, in: lookback, threshold: policy.anomaly.rateLimitedPerDay), by: \.clientID)
        facts.changeEvents = try await warehouse.clientChangeEvents(in: lookback)
        facts.coverage = try await warehouse.coverage(of: lookback)
        facts.coverageStart = try await warehouse.coverageStart()
        facts.extracted = try await warehouse.extractedSources(overlapping: lookback)
        facts.chain = try await chain
        return facts
    }
}

/// One client's traffic from one source IP, with the address parsed.
package struct ClientTraffic: Sendable {
    package var sourceIP: String
    /// `nil` when the source recorded something that is not an IP address.
    package var address: IPAddress?
    package var action: AuditAction
    package var allowed: Bool
    package var count: Int
}

/// Folds the streamed aggregate rows into facts, parsing each distinct address once.
final class FactsCollector: Sendable {
    private struct State {
        var facts = EvaluationFacts()
        var addresses: [String: IPAddress?] = [:]
    }
    private let catalog: ScopeCatalog
    private let state = Mutex(State())

    init(catalog: ScopeCatalog) { self.catalog = catalog }

    var facts: EvaluationFacts { state.withLock { $0.facts } }

    func add(_ row: ScopeUsageRow) {
        // A call uses the scope it needs (guide dialect) and the permission it needs (live): a
        // client holds grants of one vocabulary, so marking both never confuses the two.
        let needed = row.method.flatMap { method in row.path.flatMap { catalog.endpoints.grants(method: method, path: $0) } }
        let scope = row.scope ?? needed?.scope
        let permission = needed?.permission
        state.withLock { state in
            state.facts.requestCounts[row.clientID, default: 0] += row.count
            if let permission {
                state.facts.usedScopes[row.clientID, default: []].insert(permission)
            }
            if let scope {
                state.facts.usedScopes[row.clientID, default: []].insert(scope)
            } else {
                state.facts.unmappedCalls[row.clientID, default: 0] += row.count
            }
        }
    }

    func add(_ row: SourceUsageRow) {
        state.withLock { state in
            let address: IPAddress?
            if let known = state.addresses[row.sourceIP] {
                address = known
            } else {
                address = IPAddress(row.sourceIP)
                state.addresses[row.sourceIP] = address
            }
            state.facts.traffic[row.clientID, default: []].append(
                ClientTraffic(sourceIP: row.sourceIP, address: address, action: row.action, allowed: row.allowed, count: row.count))
        }
    }
}
