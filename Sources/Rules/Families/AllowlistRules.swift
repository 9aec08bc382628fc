import PartnerAuditCore
import Warehouse

/// AL-1 … AL-4: IP allowlists.
enum AllowlistRules {
    static let all: [any Rule] = [MissingAllowlist(), BroadEntry(), MalformedOrPrivateEntry(), OutsideAllowlist()]

    /// Whether the client's allowlist is the organisation's (live dialect): findings then say so.
    static func isOrganizationWide(_ client: AttributedClient) -> Bool {
        client.snapshot.ipAllowlistScope == .organization
    }

    /// Who allows an entry, in words: the client, or the organisation-wide list that binds it.
    static func allower(of client: AttributedClient) -> String {
        isOrganizationWide(client) ? "The organisation-wide allowlist, which binds \(client.name) and every other client," : client.name
    }

    /// AL-1: a partner app has no allowlist.
    struct MissingAllowlist: Rule {
        let id = "AL-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            context.partnerApps.filter { $0.isActive && ($0.snapshot.ipAllowlist ?? []).isEmpty }.map { client in
                RuleHit(client: client, severity: .high,
                        detail: AllowlistRules.isOrganizationWide(client)
                            ? "The organisation has no IP allowlist (it is organisation-wide in this dialect): \(client.name)'s credentials work from any address on the internet."
                            : "\(client.name) has no IP allowlist: its credentials work from any address on the internet.")
            }
        }
    }

    /// AL-2: an allowlist entry is broader than the policy allows.
    struct BroadEntry: Rule {
        let id = "AL-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let limits = context.policy.allowlist
            var hits: [RuleHit] = []
            for client in context.partnerApps {
                for block in context.allowlists.blocks(of: client) where block.isBroader(thanIPv4: limits.maxIPv4Prefix, ipv6: limits.maxIPv6Prefix) || block.isEverything {
                    let limit = block.family == .v4 ? limits.maxIPv4Prefix : limits.maxIPv6Prefix
                    hits.append(RuleHit(client: client, subject: block.description, severity: block.isEverything ? .critical : .high,
                        detail: block.isEverything
                            ? "\(AllowlistRules.allower(of: client)) allows \(block): every address, which is no allowlist at all."
                            : "\(AllowlistRules.allower(of: client)) allows \(block) (\(block.addressCountDescription) addresses), broader than the /\(limit) the policy allows.",
                        evidence: Evidence(cidrs: [block.description])))
                }
            }
            return hits
        }
    }

    /// AL-3: an allowlist entry is malformed, or private/reserved space.
    struct MalformedOrPrivateEntry: Rule {
        let id = "AL-3"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for client in context.partnerApps {
                for entry in context.allowlists.entries(of: client) {
                    if let block = entry.block {
                        if !context.policy.allowlist.allowPrivate, !block.isEverything, let kind = reservedKind(of: block) {
                            hits.append(RuleHit(client: client, subject: entry.text, severity: .medium,
                                detail: "\(AllowlistRules.allower(of: client)) allows \(entry.text), which is \(kind.name): a partner does not reach the platform from there.",
                                evidence: Evidence(cidrs: [entry.text])))
                        }
                    } else if let error = entry.error {
                        hits.append(RuleHit(client: client, subject: entry.text, severity: .medium,
                            detail: "\(AllowlistRules.allower(of: client)) has a malformed entry: \(error).", evidence: Evidence(cidrs: [entry.text])))
                    }
                }
            }
            return hits
        }
    }

    /// AL-4: a token was issued to, or a request succeeded from, an address outside the allowlist.
    struct OutsideAllowlist: Rule {
        let id = "AL-4"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for client in context.partnerApps {
                guard let traffic = context.facts.traffic[client.id], !traffic.isEmpty else { continue }
                var allowed = context.allowlists.blocks(of: client)
                var basis = AllowlistRules.isOrganizationWide(client) ? "the organisation-wide allowlist" : "its allowlist"
                if allowed.isEmpty {
                    allowed = context.partnerPolicy(of: client)?.networks.values.flatMap { $0 } ?? []
                    basis = "its partner's declared networks (\(AllowlistRules.isOrganizationWide(client) ? "the organisation has" : "it has") no allowlist)"
                }
                guard !allowed.isEmpty else {
                    if !context.policy.isDefault || client.attribution != .none {
                        hits.append(.cannotDecide(client, because: "it has no allowlist and its partner declares no networks"))
                    }
                    continue
                }
                let outside = traffic.filter { row in
                    guard let address = row.address else { return true }
                    return !allowed.contains { $0.contains(address) }
                }
                guard !outside.isEmpty else { continue }
                let succeeded = outside.filter { $0.allowed && $0.action != .tokenDenied }
                let ips = Array(Set(outside.map(\.sourceIP))).sorted()
                let citedIPs = Array(Set((succeeded.isEmpty ? outside : succeeded).map(\.sourceIP))).sorted()
                let events = try await context.cite(client, sourceIPs: citedIPs)
                let attempts = outside.reduce(0) { $0 + $1.count }
                let detail = succeeded.isEmpty
                    ? "\(attempts) attempts by \(client.name) came from \(ips.count) address(es) outside \(basis); every one was denied."
                    : "\(succeeded.reduce(0) { $0 + $1.count }) tokens or successful requests of \(client.name) came from \(Set(succeeded.map(\.sourceIP)).count) address(es) outside \(basis)."
                // The evidence names at most 20 entries of the list judged against (an organisation-wide
                // list can hold hundreds, on every client) and counts them all.
                hits.append(RuleHit(client: client, severity: succeeded.isEmpty ? .medium : .critical, detail: detail,
                    evidence: Evidence(cidrs: allowed.prefix(20).map(\.description), sourceIPs: Array(ips.prefix(20)), events: events,
                                       counts: ["attempts": attempts, "addresses": ips.count, "succeeded": succeeded.reduce(0) { $0 + $1.count },
                                                "allowlistEntries": allowed.count])))
            }
            return hits
        }
    }
}
