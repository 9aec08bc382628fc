import Foundation
import PartnerAuditCore
import Warehouse

/// What every rule sees: the moment, the lookback, the policy, the clients as they stood,
/// the aggregated facts, and a way to cite events as evidence.
package struct EvaluationContext: Sendable {
    /// The evaluation moment (milliseconds since 1970).
    package var asOf: Int64
    /// `[asOf - lookbackDays, asOf)`.
    package var lookback: TimeWindow
    /// The stretch whose extraction coverage AT-1 judges: the lookback less the most recent
    /// `AuditTrailRules.recentTolerance` (still expected to be unextracted), unless given.
    package var audited: TimeWindow
    package var policy: Policy
    package var catalog: ScopeCatalog
    /// The client snapshots valid at `asOf`, attributed to partners.
    package var clients: [AttributedClient]
    package var facts: EvaluationFacts
    /// The policy's partner networks, indexed for address lookups.
    package let networks: NetworkIndex
    /// The clients' allowlists, each distinct one parsed once.
    package let allowlists: ParsedAllowlists
    let warehouse: Warehouse

    package init(
        asOf: Int64, lookback: TimeWindow, audited: TimeWindow? = nil, policy: Policy, catalog: ScopeCatalog, clients: [AttributedClient],
        facts: EvaluationFacts, warehouse: Warehouse
    ) {
        self.asOf = asOf
        self.lookback = lookback
        self.audited = audited ?? TimeWindow(fromMillis: lookback.fromMillis, toMillis: lookback.toMillis - AuditTrailRules.recentTolerance)
        self.policy = policy
        self.catalog = catalog
        self.clients = clients
        self.facts = facts
        self.networks = NetworkIndex(policy)
        self.allowlists = ParsedAllowlists(clients)
        self.warehouse = warehouse
    }

    /// The evaluation moment as a date.
    package var asOfDate: Date { Timestamp.date(milliseconds: asOf) }

    /// Up to 20 events of the client in the lookback (or the part of it within `window`),
    /// filtered by source IPs, actions and a predicate.
    package func cite(
        _ client: AttributedClient, within window: TimeWindow? = nil, sourceIPs: [String]? = nil, actions: [AuditAction]? = nil,
        matching predicate: EventPredicate? = nil
    ) async throws -> [CitedEvent] {
        let span = window.map { TimeWindow(fromMillis: max($0.fromMillis, lookback.fromMillis), toMillis: min($0.toMillis, lookback.toMillis)) } ?? lookback
        guard !span.isEmpty else { return [] }
        return try await warehouse.citedEvents(clientID: client.id, in: span, sourceIPs: sourceIPs.map { Array($0.prefix(200)) },
                                               actions: actions, matching: predicate)
    }

    /// The policy for the client's partner, if the policy declares it.
    package func partnerPolicy(of client: AttributedClient) -> PartnerPolicy? {
        client.partner.isEmpty ? nil : policy.partners.first { $0.id.lowercased() == client.partner }
    }

    /// Clients that count as partner apps: attributed ones, and unattributed machine-to-machine ones.
    package var partnerApps: [AttributedClient] {
        clients.filter { $0.attribution != .none || $0.snapshot.grantType == .clientCredentials }
    }
}
