import PartnerAuditCore
import Warehouse

/// AL-1 … AL-4: IP allowlists.
enum AllowlistRules {
    static let all: [any Rule] = [MissingAllowlist(), BroadEntry(), MalformedOrPrivateEntry(), OutsideAllowlist()]

    /// Whether the client's allowlist is the organisation's (live dialect): findings then say so.
    static func isOrganizationWide(_ client: AttributedClient) -> Bool {
        client.snapshot.ipAllowlistScope == .organization
    }

    /// One allowlist entry to judge: a client's own, or the organisation's with every client it binds.
    struct JudgedEntry {
        var entry: ParsedAllowlists.Entry
        /// `nil` for an organisation-wide entry.
        var client: AttributedClient?
        /// The clients the entry binds: the one client, or all the organisation's.
        var bound: [AttributedClient]

        /// Who allows the entry, in words.
        var allower: String {
            client?.name ?? "The organisation-wide allowlist, which binds \(bound.count == 1 ? "1 client" : "\(bound.count) clients"),"
        }

        /// A hit about this entry (as `subject` writes it, the source's text unless given): the
        /// client's own, or one organisation-wide hit listing every bound client.
        func hit(subject: String? = nil, severity: Severity, detail: String) -> RuleHit {
            let subject = subject ?? entry.text
            let evidence = Evidence(cidrs: [subject])
            guard let client else {
                return .organizationWide(affecting: bound, subject: subject, severity: severity, detail: detail, evidence: evidence)
            }
            return RuleHit(client: client, subject: subject, severity: severity, detail: detail, evidence: evidence)
        }
    }

    /// Every entry to judge, each once: each client's own entries, then each distinct entry of
    /// the organisation-wide list with the clients it binds. An organisation's one setting is
    /// one finding, however many clients it binds.
    ///
    /// The organisation's entries all bind the same clients, so they share one array of them: a
    /// live organisation's list of hundreds of entries, over a thousand clients, would otherwise
    /// hold a copy of every client per entry (hundreds of MB).
    static func judgedEntries(of clients: [AttributedClient], in allowlists: ParsedAllowlists) -> [JudgedEntry] {
        var judged: [JudgedEntry] = []
        // Each organisation-wide entry's place in `judged`, and the clients (indices) it binds.
        var organizationWide: [String: Int] = [:]
        var binding: [Int: [Int]] = [:]
        for (index, client) in clients.enumerated() {
            for entry in allowlists.entries(of: client) {
                guard isOrganizationWide(client) else {
                    judged.append(JudgedEntry(entry: entry, client: client, bound: [client]))
                    continue
                }
                if let place = organizationWide[entry.text] {
                    binding[place, default: []].append(index)
                } else {
                    organizationWide[entry.text] = judged.count
                    binding[judged.count] = [index]
                    judged.append(JudgedEntry(entry: entry, client: nil, bound: []))
                }
            }
        }
        var shared: [[Int]: [AttributedClient]] = [:]
        for (place, indices) in binding {
            let bound = shared[indices] ?? indices.map { clients[$0] }
            shared[indices] = bound
            judged[place].bound = bound
        }
        return judged
    }

    /// AL-1: a partner app has no allowlist; an organisation-wide list that is empty is one finding.
    struct MissingAllowlist: Rule {
        let id = "AL-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let missing = context.partnerApps.filter { $0.isActive && ($0.snapshot.ipAllowlist ?? []).isEmpty }
            let bound = missing.filter(AllowlistRules.isOrganizationWide)
            var hits = missing.filter { !AllowlistRules.isOrganizationWide($0) }.map { client in
                RuleHit(client: client, severity: .high,
                        detail: "\(client.name) has no IP allowlist: its credentials work from any address on the internet.")
            }
            if !bound.isEmpty {
                hits.append(.organizationWide(affecting: bound, severity: .high, detail:
                    "The organisation has no IP allowlist (it is organisation-wide on this platform): the credentials of \(bound.count == 1 ? "its 1 active partner app" : "all \(bound.count) active partner apps") work from any address on the internet."))
            }
            return hits
        }
    }

    /// AL-2: an allowlist entry is broader than the policy allows.
    struct BroadEntry: Rule {
        let id = "AL-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let limits = context.policy.allowlist
            return AllowlistRules.judgedEntries(of: context.partnerApps, in: context.allowlists).compactMap { judged in
                guard let block = judged.entry.block,
                      block.isBroader(thanIPv4: limits.maxIPv4Prefix, ipv6: limits.maxIPv6Prefix) || block.isEverything else { return nil }
                let limit = block.family == .v4 ? limits.maxIPv4Prefix : limits.maxIPv6Prefix
                return judged.hit(subject: block.description, severity: block.isEverything ? .critical : .high, detail: block.isEverything
                    ? "\(judged.allower) allows \(block): every address, which is no allowlist at all."
                    : "\(judged.allower) allows \(block) (\(block.addressCountDescription) addresses), broader than the /\(limit) the policy allows.")
            }
        }
    }

    /// AL-3: an allowlist entry is malformed, or private/reserved space.
    struct MalformedOrPrivateEntry: Rule {
        let id = "AL-3"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            AllowlistRules.judgedEntries(of: context.partnerApps, in: context.allowlists).compactMap { judged in
                let entry = judged.entry
                if let block = entry.block {
                    guard !context.policy.allowlist.allowPrivate, !block.isEverything, let kind = reservedKind(of: block) else { return nil }
                    return judged.hit(severity: .medium, detail:
                        "\(judged.allower) allows \(entry.text), which is \(kind.name): a partner does not reach the platform from there.")
                }
                guard let error = entry.error else { return nil }
                return judged.hit(severity: .medium, detail: "\(judged.allower) has a malformed entry: \(error).")
            }
        }
    }

    /// AL-4: a token was issued to, or a request succeeded from, an address outside the allowlist.
    ///
    /// The platform's own records are judged against the client's allowlist (else its partner's
    /// declared networks); a gateway's access-log lines against what binds the partner itself —
    /// its own allowlist, else its partner's declared networks, never the organisation-wide list,
    /// which holds the gateway's egress addresses (`AllowlistRules.judgedAgainst`).
    struct OutsideAllowlist: Rule {
        let id = "AL-4"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for client in context.partnerApps {
                guard let traffic = context.facts.traffic[client.id], !traffic.isEmpty else { continue }
                var outside: [ClientTraffic] = []
                var allowed: [CIDRBlock] = []
                var bases: [String] = []
                var undecided = false
                for viaGateway in [false, true] {
                    let rows = traffic.filter { $0.viaGateway == viaGateway }
                    guard !rows.isEmpty else { continue }
                    let (blocks, basis) = AllowlistRules.judgedAgainst(client, viaGateway: viaGateway, context)
                    guard !blocks.isEmpty else {
                        undecided = true
                        continue
                    }
                    let beyond = rows.filter { row in
                        guard let address = row.address else { return true }
                        return !blocks.contains { $0.contains(address) }
                    }
                    guard !beyond.isEmpty else { continue }
                    outside += beyond
                    allowed += blocks.filter { !allowed.contains($0) }
                    bases.append(basis)
                }
                guard !outside.isEmpty else {
                    if undecided, !context.policy.isDefault || client.attribution != .none {
                        hits.append(.cannotDecide(client, because: "it has no allowlist and its partner declares no networks"))
                    }
                    continue
                }
                let basis = bases.joined(separator: ", and ")
                let succeeded = outside.filter { $0.allowed && $0.action != .tokenDenied }
                let ips = Array(Set(outside.map(\.sourceIP))).sorted()
                let citedIPs = Array(Set((succeeded.isEmpty ? outside : succeeded).map(\.sourceIP))).sorted()
                let events = try await context.cite(client, sourceIPs: citedIPs)
                let attempts = outside.saturatingSum(\.count)
                let detail = succeeded.isEmpty
                    ? "\(attempts) attempts by \(client.name) came from \(ips.count) address(es) outside \(basis); every one was denied."
                    : "\(succeeded.saturatingSum(\.count)) tokens or successful requests of \(client.name) came from \(Set(succeeded.map(\.sourceIP)).count) address(es) outside \(basis)."
                // The evidence names at most 20 entries of the list judged against (an organisation-wide
                // list can hold hundreds, on every client) and counts them all.
                hits.append(RuleHit(client: client, severity: succeeded.isEmpty ? .medium : .critical, detail: detail,
                    evidence: Evidence(cidrs: allowed.prefix(20).map(\.description), sourceIPs: Array(ips.prefix(20)), events: events,
                                       counts: ["attempts": attempts, "addresses": ips.count, "succeeded": succeeded.saturatingSum(\.count),
                                                "allowlistEntries": allowed.count])))
            }
            return hits + GatewayCoverage.notTestable(context)
        }
    }
}
