import PartnerAuditCore
import Warehouse

extension EvaluationFacts {
    /// The API Usage service's facts (live dialect): each client's last day with requests
    /// (LP-5), its days of 4xx answers (AN-1, coarse) and of 429s (AN-2, merged with the
    /// audit log's 429 days, the larger count of a day kept).
    mutating func addUsage(from warehouse: Warehouse, lookback: TimeWindow, policy: Policy) async throws {
        lastUsageDay = try await warehouse.lastUsageDay(before: lookback.toMillis)
        usageClientErrorDays = Dictionary(grouping: try await warehouse.usageDays(
            .clientErrors, in: lookback, threshold: policy.anomaly.deniedPerHour), by: \.clientID)
        let throttled = try await warehouse.usageDays(.rateLimited, in: lookback, threshold: policy.anomaly.rateLimitedPerDay)
        for (client, days) in Dictionary(grouping: throttled, by: \.clientID) {
            var byDay = Dictionary((rateLimitedDays[client] ?? []).map { ($0.bucket, $0) }, uniquingKeysWith: { first, _ in first })
            for day in days where day.count > byDay[day.bucket]?.count ?? -1 { byDay[day.bucket] = day }
            rateLimitedDays[client] = byDay.values.sorted { $0.bucket < $1.bucket }
        }
    }

    /// The grants a client used in the lookback: those marked used, and of each list of which
    /// any one sufficed, the first the client holds (`granted`).
    package func usedGrants(of clientID: String, granted: [String]) -> Set<String> {
        var used = usedScopes[clientID] ?? []
        let held = Set(granted)
        for list in usedAlternatives[clientID] ?? [] {
            if let first = list.first(where: held.contains) { used.insert(first) }
        }
        return used
    }
}
