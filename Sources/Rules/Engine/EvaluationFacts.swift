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
    /// Per client: grant lists of which any one sufficed for a call the API Usage service
    /// counted (an `ANY` requirement of the platform's endpoint map, or its scopes), in the
    /// map's order. LP-2 counts the first one the client holds as used.
    package var usedAlternatives: [String: Set<[String]>] = [:]
    /// Each client's last day with requests in the API Usage rows before the evaluation moment (all history).
    package var lastUsageDay: [String: String] = [:]
    /// Days on which a client's usage rows reached `deniedPerHour` 4xx answers (AN-1, coarse:
    /// 401, 403 and 404 are not told apart, and a day is not an hour).
    package var usageClientErrorDays: [String: [BucketCount]] = [:]
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
    /// The organisation's own known-grant registries as last read before the evaluation moment (WS-2).
    package var registries: [GrantRegistry.Kind: StoredGrantRegistry] = [:]
    /// The dialects and sources the lookback was extracted from: which rules are testable.
    package var extracted = ExtractedSources()
    /// Live only, with a gateway read: the hours of partner traffic no gateway line covers (the
    /// partners' own addresses are unknown there).
    package var gatewayUncoveredHours: [String] = []

    package init() {}

    /// Runs the aggregate queries for one evaluation.
    package static func load(from warehouse: Warehouse, lookback: TimeWindow, policy: Policy, catalog: ScopeCatalog) async throws -> EvaluationFacts {
        // The chain walk reads every row; it runs beside the aggregate queries, which run beside each other
        // (a pool serves concurrent reads).
        async let chain = warehouse.verifyChain()
        let collector = FactsCollector(catalog: catalog)
        async let scopes: Void = warehouse.scopeUsage(in: lookback) { collector.add($0) }
        async let sources: Void = warehouse.sourceUsage(in: lookback) { collector.add($0) }
        async let usage = warehouse.usageByEndpoint(in: lookback)
        try await scopes
        try await sources
        for row in try await usage { collector.add(row) }
        var facts = collector.facts
        facts.lastActivity = try await warehouse.lastActivity(before: lookback.toMillis)
        facts.secretRotations = try await warehouse.lastSecretRotations(before: lookback.toMillis)
        facts.denialBursts = Dictionary(grouping: try await warehouse.partnerBuckets(
            .hour, of: .denial, in: lookback, threshold: policy.anomaly.deniedPerHour), by: \.clientID)
        facts.rateLimitedDays = Dictionary(grouping: try await warehouse.partnerBuckets(
            .day, of: .rateLimited, in: lookback, threshold: policy.anomaly.rateLimitedPerDay), by: \.clientID)
        try await facts.addUsage(from: warehouse, lookback: lookback, policy: policy)
        facts.changeEvents = try await warehouse.clientChangeEvents(in: lookback)
        facts.coverage = try await warehouse.coverage(of: lookback)
        facts.coverageStart = try await warehouse.coverageStart()
        facts.extracted = try await warehouse.extractedSources(overlapping: lookback)
        facts.registries = try await warehouse.grantRegistries(asOf: lookback.toMillis)
        if facts.extracted.isLiveOnly, facts.extracted.sources.contains(.gateway) {
            facts.gatewayUncoveredHours = try await warehouse.hoursWithoutGatewayLines(in: lookback)
        }
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
    /// Whether a gateway's access log recorded it: the address is then the partner's own.
    package var viaGateway: Bool
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
            state.facts.requestCounts[row.clientID, default: 0].addSaturating(row.count)
            if let permission {
                state.facts.usedScopes[row.clientID, default: []].insert(permission)
            }
            if let scope {
                state.facts.usedScopes[row.clientID, default: []].insert(scope)
            } else {
                state.facts.unmappedCalls[row.clientID, default: 0].addSaturating(row.count)
            }
        }
    }

    /// One client's requests to one endpoint template, from the API Usage rows: the platform's
    /// endpoint map tells what the call required (`ALL`: each permission is used; `ANY`: one of
    /// them, kept as alternatives); the guide map's scope is marked too, and its permission
    /// when the platform's map does not list the operation.
    func add(_ row: EndpointUsage) {
        let path = "/" + row.templateURI
        let requirement = catalog.platform.requirement(method: row.method, template: path)
        let guide = catalog.endpoints.grants(method: row.method, path: path)
        state.withLock { state in
            state.facts.requestCounts[row.clientID, default: 0].addSaturating(row.requests)
            guard requirement != nil || guide != nil else {
                state.facts.unmappedCalls[row.clientID, default: 0].addSaturating(row.requests)
                return
            }
            var used: [String] = guide.map { [$0.scope] } ?? []
            var alternatives: [[String]] = []
            if let requirement {
                switch requirement.permissions {
                case .none: break
                case .all(let permissions): used += permissions
                case .any(let permissions): alternatives.append(permissions)
                }
                if !requirement.scopes.isEmpty { alternatives.append(requirement.scopes) }
            } else if let permission = guide?.permission {
                used.append(permission)
            }
            state.facts.usedScopes[row.clientID, default: []].formUnion(used)
            for list in alternatives {
                if list.count == 1 {
                    state.facts.usedScopes[row.clientID, default: []].insert(list[0])
                } else {
                    state.facts.usedAlternatives[row.clientID, default: []].insert(list)
                }
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
                ClientTraffic(sourceIP: row.sourceIP, address: address, action: row.action, allowed: row.allowed, viaGateway: row.viaGateway, count: row.count))
        }
    }
}
