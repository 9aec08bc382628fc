import Foundation
import PartnerAuditCore
import Rules
import Warehouse

/// The partner application inventory: every client as it stood at the end of the period,
/// and the grants each held at any time during it.
struct Inventory: Sendable {
    /// The moment the inventory describes (canonical text).
    var asOf: String
    /// Set when the client history begins after `asOf`, so the clients are shown as first observed.
    var note: String?
    /// The organisation-wide IP allowlist (live dialect), shown once and referred to by every
    /// client that holds it: the list of the clients at `asOf` whose scope is `.organization`
    /// (the first one's, by id). `nil` when no client has organisation scope (guide dialect).
    var organizationAllowlist: [String]?
    /// Sorted by name, then id.
    var clients: [InventoryClient]
}

extension Inventory {
    /// Reads the inventory as of `moment` with the grants of `period`.
    static func load(from warehouse: Warehouse, policy: Policy, period: TimeWindow, moment: Int64) async throws -> Inventory {
        // The three scans of the period's events run side by side (the pool reads concurrently).
        async let rotationsQuery = warehouse.lastSecretRotations(before: moment)
        async let activityQuery = warehouse.lastActivity(before: moment)
        async let agentsQuery = warehouse.clientAgents(in: period)
        var note: String?
        var atEnd = try await warehouse.clients(asOf: moment)
        let historyStart = try await warehouse.clientHistoryStart()
        if atEnd.isEmpty, let start = historyStart, let startMillis = Timestamp.parseMilliseconds(start), startMillis >= moment {
            atEnd = try await warehouse.clients(asOf: startMillis)
            note = "The warehouse's client history begins at \(start), after the end of the period: clients are shown as first observed then, and the grants held during the period are not known."
        }
        var lists = Set<[String]>()
        atEnd = atEnd.map { kept($0, lists: &lists) }
        let organizationAllowlist = atEnd.first { $0.ipAllowlistScope == .organization }.map { $0.ipAllowlist ?? [] }
        var grants: [String: [InventoryClient.Grant]] = [:]
        var lastSeen: [String: ClientSnapshot] = [:]
        for (validFrom, validTo, snapshot) in try await warehouse.clientSnapshots(during: period) {
            let client = kept(snapshot, lists: &lists)
            grants[client.id, default: []].append(InventoryClient.Grant(validFrom: validFrom, validTo: validTo, type: client.type.text, grantType: client.grantType.text,
                                                        scopes: client.scopes, allowlist: client.ipAllowlist, allowlistScope: client.ipAllowlistScope,
                                                        state: client.state.text))
            lastSeen[client.id] = client
        }
        let rotations = try await rotationsQuery
        let activity = try await activityQuery
        let agents = Dictionary(grouping: try await agentsQuery, by: \.clientID)
        let present = Set(atEnd.map(\.id))
        let gone = lastSeen.values.filter { !present.contains($0.id) }
        let clients = (atEnd.map { ($0, true) } + gone.map { ($0, false) }).map { snapshot, presentAtEnd in
            let attributed = AttributedClient(snapshot, policy: policy)
            let (since, source) = secretDate(snapshot, rotations: rotations)
            let counts = agents[snapshot.id] ?? []
            return InventoryClient(
                snapshot: snapshot, partner: attributed.partner, environment: attributed.environment, attribution: attributed.attribution.rawValue,
                presentAtEnd: presentAtEnd, secretAgeDays: since.flatMap(Timestamp.parseMilliseconds).map { TimeSpan(milliseconds: max(0, moment - $0)).whole(.day) },
                secretSince: since, secretSource: source, lastActivity: activity[snapshot.id],
                eventsInPeriod: counts.reduce(0) { $0 + $1.events }, denialsInPeriod: counts.reduce(0) { $0 + $1.denials },
                userAgents: Array(counts.compactMap { count in count.userAgent.map { InventoryClient.AgentCount(agent: $0, events: count.events) } }.prefix(5)),
                grants: grants[snapshot.id] ?? [])
        }
        return Inventory(asOf: Timestamp.format(milliseconds: moment), note: note, organizationAllowlist: organizationAllowlist,
                         clients: clients.sorted { ($0.snapshot.name, $0.snapshot.id) < ($1.snapshot.name, $1.snapshot.id) })
    }

    /// The snapshot as the inventory keeps it: without its raw JSON, which no report prints (and
    /// which in the live dialect repeats the organisation's list), and with an organisation-wide
    /// allowlist equal to one already seen sharing that one's storage.
    ///
    /// The warehouse shares identical lists within one read (`clients(asOf:)`, `clientSnapshots(during:)`);
    /// this shares them across the two, so a 1,000-client organisation holds one list of 1,000
    /// entries, and comparing a client's list with the organisation's is a pointer check.
    private static func kept(_ snapshot: ClientSnapshot, lists: inout Set<[String]>) -> ClientSnapshot {
        var kept = snapshot
        kept.rawJSON = ""
        if kept.ipAllowlistScope == .organization, let list = kept.ipAllowlist {
            kept.ipAllowlist = lists.insert(list).memberAfterInsert
        }
        return kept
    }

    /// Whether `allowlist`, of `scope`, is the organisation-wide list the inventory shows once,
    /// so a client or grant refers to it rather than repeating its entries. A list of
    /// organisation scope that differs (the organisation changed it during the period) is not.
    func isOrganizationAllowlist(_ allowlist: [String]?, scope: AllowlistScope) -> Bool {
        guard scope == .organization, let organization = organizationAllowlist, let allowlist else { return false }
        return allowlist == organization
    }

    /// The last secret rotation: a rotation event, else `secretLastRotated`, else `dateCreated` (LP-6's order).
    private static func secretDate(_ client: ClientSnapshot, rotations: [String: String]) -> (String?, String) {
        if let rotated = rotations[client.id] { return (rotated, "rotation event") }
        if let rotated = client.secretLastRotated { return (rotated, "secretLastRotated") }
        if let created = client.dateCreated { return (created, "dateCreated") }
        return (nil, "unknown")
    }
}
