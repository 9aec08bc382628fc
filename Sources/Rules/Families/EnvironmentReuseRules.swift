import PartnerAuditCore
import Warehouse

/// ER-1 … ER-4: one client used across environments or partners, or not attributable.
enum EnvironmentReuseRules {
    static let all: [any Rule] = [SeveralEnvironments(), SeveralPartners(), WrongEnvironment(), Unattributed()]

    /// Where a client's traffic came from, by the partner networks its source IPs lie in.
    struct Origins {
        /// (partner, environment) → source IPs seen there.
        var places: [String: Set<String>] = [:]

        init(_ traffic: [ClientTraffic], networks: NetworkIndex) {
            for row in traffic {
                guard let address = row.address else { continue }
                for place in networks.places(containing: address) {
                    places["\(place.partnerID.lowercased())/\(place.environment.lowercased())", default: []].insert(row.sourceIP)
                }
            }
        }

        var partners: Set<String> { Set(places.keys.map { String($0.split(separator: "/")[0]) }) }

        func environments(of partner: String) -> Set<String> {
            Set(places.keys.filter { $0.hasPrefix(partner + "/") }.map { String($0.split(separator: "/")[1]) })
        }

        func addresses(where predicate: (String) -> Bool) -> [String] {
            Array(places.filter { predicate($0.key) }.values.flatMap { $0 }).sorted()
        }
    }

    /// The clients whose traffic can be judged, or one `info` hit when the policy declares no networks.
    static func judgeable(_ context: EvaluationContext, ruleNeeds what: String) -> ([(AttributedClient, Origins)], [RuleHit]) {
        guard context.policy.partners.contains(where: { !$0.networks.isEmpty }) else {
            return ([], [.cannotDecide(nil, because: "the policy declares no partner networks, so \(what) cannot be told")])
        }
        let judged = context.partnerApps.compactMap { client -> (AttributedClient, Origins)? in
            guard let traffic = context.facts.traffic[client.id], !traffic.isEmpty else { return nil }
            return (client, Origins(traffic, networks: context.networks))
        }
        return (judged, GatewayCoverage.notTestable(context))
    }

    /// ER-1: traffic from more than one environment of the client's partner.
    struct SeveralEnvironments: Rule {
        let id = "ER-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let (judged, info) = EnvironmentReuseRules.judgeable(context, ruleNeeds: "the environments a client is used from")
            var hits = info
            for (client, origins) in judged where !client.partner.isEmpty {
                let environments = origins.environments(of: client.partner).sorted()
                guard environments.count > 1 else { continue }
                let ips = origins.addresses { $0.hasPrefix(client.partner + "/") }
                hits.append(RuleHit(client: client, subject: environments.joined(separator: "+"), severity: .high,
                    detail: "\(client.name) is used from the \(environments.joined(separator: " and ")) networks of \(client.partner): one credential serves several environments.",
                    evidence: Evidence(sourceIPs: Array(ips.prefix(20)), events: try await context.cite(client, sourceIPs: ips),
                                       counts: ["environments": environments.count, "addresses": ips.count])))
            }
            return hits
        }
    }

    /// ER-2: traffic from the networks of more than one partner.
    struct SeveralPartners: Rule {
        let id = "ER-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let (judged, info) = EnvironmentReuseRules.judgeable(context, ruleNeeds: "which partners use a client")
            var hits = info
            for (client, origins) in judged {
                let partners = origins.partners.sorted()
                guard partners.count > 1 else { continue }
                let others = partners.filter { $0 != client.partner }
                let ips = origins.addresses { key in others.contains { key.hasPrefix($0 + "/") } }
                hits.append(RuleHit(client: client, subject: partners.joined(separator: "+"), severity: .critical,
                    detail: "\(client.name) is used from the networks of \(partners.joined(separator: " and ")): a credential shared between partners.",
                    evidence: Evidence(sourceIPs: Array(ips.prefix(20)), events: try await context.cite(client, sourceIPs: ips),
                                       counts: ["partners": partners.count, "addresses": ips.count])))
            }
            return hits
        }
    }

    /// ER-3: the name (or mapping) says one environment, the traffic another.
    struct WrongEnvironment: Rule {
        let id = "ER-3"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let (judged, info) = EnvironmentReuseRules.judgeable(context, ruleNeeds: "the environment a client is used from")
            var hits = info
            for (client, origins) in judged where !client.environment.isEmpty {
                let observed = origins.environments(of: client.partner)
                guard !observed.isEmpty, !observed.contains(client.environment) else { continue }
                let seen = observed.sorted().joined(separator: " and ")
                let ips = origins.addresses { $0.hasPrefix(client.partner + "/") }
                hits.append(RuleHit(client: client, subject: seen, severity: .high,
                    detail: "\(client.name) is a \(client.environment) client but is used only from \(client.partner)'s \(seen) networks.",
                    evidence: Evidence(sourceIPs: Array(ips.prefix(20)), events: try await context.cite(client, sourceIPs: ips),
                                       counts: ["addresses": ips.count])))
            }
            return hits
        }
    }

    /// ER-4: an app that neither the policy nor its name attributes to a partner.
    struct Unattributed: Rule {
        let id = "ER-4"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            context.partnerApps.filter { $0.attribution == .none }.map { client in
                RuleHit(client: client, severity: .low,
                        detail: "\(client.name) is not mapped in the policy and its name does not follow Partner-Integration-{Env}-{Partner}: nobody can say whose it is.")
            }
        }
    }
}
