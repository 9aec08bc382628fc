import PartnerAuditCore

/// Where a live organisation's gateway log leaves the traffic rules (AL-4, ER-1…3) without the
/// partners' own addresses: hours with partner traffic on record and no gateway line.
enum GatewayCoverage {
    /// One `info` hit naming the uncovered stretch, or none when every hour is covered.
    static func notTestable(_ context: EvaluationContext) -> [RuleHit] {
        let hours = context.facts.gatewayUncoveredHours
        guard let first = hours.first, let last = hours.last else { return [] }
        let span = hours.count == 1 ? "the hour from \(first):00Z" : "\(hours.count) hours between \(first):00Z and \(last):59Z"
        return [.cannotDecide(nil, subject: "gateway-coverage", because:
            "partner traffic in \(span) is in no gateway access log, so the partners' own addresses are unknown there and this rule is not testable for that stretch")]
    }
}
