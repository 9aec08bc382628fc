/// The faults drawn for one API request, from the seed and the request's sequence number.
struct FaultDecision: Sendable, Equatable {
    var rateLimited = false
    /// The 5xx status to answer instead, if any.
    var serverError: Int?
    var drop = false
    var slow = false

    /// Draws each fault independently with the spec's rates.
    static func draw(_ spec: FaultSpec, seed: UInt64, request: UInt64) -> FaultDecision {
        func chance(_ salt: UInt64) -> Double {
            Double(SeededHash.hash(seed, salt, request) >> 11) / Double(1 << 53)
        }
        var decision = FaultDecision()
        decision.rateLimited = chance(70) < spec.rateLimited
        if chance(71) < spec.serverErrors {
            decision.serverError = [500, 502, 503, 504][Int(SeededHash.hash(seed, 72, request) % 4)]
        }
        decision.drop = chance(73) < spec.drops
        decision.slow = chance(74) < spec.slow
        return decision
    }
}
