import PartnerAuditCore
import Warehouse

/// AN-1 and AN-2: denial bursts and clients starving the shared budget.
enum AnomalyRules {
    static let all: [any Rule] = [DenialBurst(), RateLimited()]

    /// How many throttled days make a client one that *keeps* drawing 429s (AN-2).
    static let persistentDays = 3

    /// The client a fact is about, or a stand-in when it is no longer among the snapshots.
    static func client(_ id: String, in context: EvaluationContext) -> AttributedClient {
        context.clients.first { $0.id == id }
            ?? AttributedClient(ClientSnapshot(id: id, name: "(client \(id), not in the current snapshot)"), policy: context.policy)
    }

    /// AN-1: at least `deniedPerHour` denials in an hour; from API usage rows (live dialect), at
    /// least that many 4xx answers in a day, said to be coarse.
    struct DenialBurst: Rule {
        let id = "AN-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for (clientID, buckets) in context.facts.denialBursts.sorted(by: { $0.key < $1.key }) {
                guard let worst = buckets.max(by: { $0.count < $1.count }) else { continue }
                let client = AnomalyRules.client(clientID, in: context)
                let events = try await context.cite(client, within: TimeBucket.hour.window(labelled: worst.bucket), matching: .denial)
                hits.append(RuleHit(client: client, severity: .medium,
                    detail: "\(client.name) drew \(worst.count) denials in the hour from \(worst.bucket):00Z (threshold \(context.policy.anomaly.deniedPerHour) an hour); \(buckets.count) such hour\(buckets.count == 1 ? "" : "s") in the lookback.",
                    evidence: Evidence(sourceIPs: Array(Set(events.map(\.sourceIP))).sorted(), events: events,
                                       counts: ["burstHours": buckets.count, "worstHour": worst.count, "denied": buckets.saturatingSum(\.count)])))
            }
            for (clientID, days) in context.facts.usageClientErrorDays.sorted(by: { $0.key < $1.key })
            where context.facts.denialBursts[clientID] == nil {
                guard let worst = days.max(by: { $0.count < $1.count }) else { continue }
                let client = AnomalyRules.client(clientID, in: context)
                hits.append(RuleHit(client: client, severity: .medium,
                    detail: "\(client.name) drew \(worst.count) 4xx answers on \(worst.bucket) (threshold \(context.policy.anomaly.deniedPerHour) an hour); \(days.count) such day\(days.count == 1 ? "" : "s") in the lookback. Coarse: the API Usage service counts per day and does not tell 401, 403 and 404 apart, so this may be a burst of denials or ordinary not-found answers.",
                    evidence: Evidence(counts: ["errorDays": days.count, "worstDay": worst.count, "clientErrors": days.saturatingSum(\.count)])))
            }
            return hits
        }
    }

    /// AN-2: at least `rateLimitedPerDay` 429 answers a day, on at least `persistentDays` days.
    struct RateLimited: Rule {
        let id = "AN-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for (clientID, days) in context.facts.rateLimitedDays.sorted(by: { $0.key < $1.key }) where days.count >= AnomalyRules.persistentDays {
                guard let worst = days.max(by: { $0.count < $1.count }) else { continue }
                let client = AnomalyRules.client(clientID, in: context)
                let events = try await context.cite(client, matching: .rateLimited)
                hits.append(RuleHit(client: client, severity: .low,
                    detail: "\(client.name) was answered 429 at least \(context.policy.anomaly.rateLimitedPerDay) times a day on \(days.count) days of the lookback, at most \(worst.count) times on \(worst.bucket).",
                    evidence: Evidence(events: events, counts: ["days": days.count, "worstDay": worst.count, "rateLimited": days.saturatingSum(\.count)])))
            }
            return hits
        }
    }
}
