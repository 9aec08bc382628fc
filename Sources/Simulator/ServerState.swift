import PartnerAuditCore
import Foundation
import Synchronization

/// The mutable state of a running simulator: issued tokens, the budget window, counters,
/// the live dialect's audit queries and where its download listener is.
final class ServerState: Sendable {
    /// How long an issued token is honoured.
    static let tokenLifetime = TimeSpan.day.seconds

    private struct Inner {
        var tokens: [String: Date] = [:]
        var issued: UInt64 = 0
        var requests: UInt64 = 0
        var limiter: SlidingWindowLimiter?
        var stats = SimulatorStats()
        var downloadPort: Int?
    }

    let seed: UInt64
    let faults: FaultSpec
    /// The live dialect's audit-query transactions.
    let queries: AuditQueryStore
    /// The live dialect's API Usage query executions.
    let usageQueries: UsageQueryStore
    private let inner: Mutex<Inner>

    init(seed: UInt64, faults: FaultSpec) {
        self.seed = seed
        self.faults = faults
        queries = AuditQueryStore(seed: seed, everyQueryFails: faults.failingQueries)
        usageQueries = UsageQueryStore(seed: seed)
        inner = Mutex(Inner(limiter: faults.budgetPerMinute.map { SlidingWindowLimiter(budget: $0) }))
    }

    var stats: SimulatorStats { inner.withLock { $0.stats } }

    /// The port of the download listener, once it listens (live dialect only).
    var downloadPort: Int? {
        get { inner.withLock { $0.downloadPort } }
        set { inner.withLock { $0.downloadPort = newValue } }
    }

    /// Updates the counters.
    func count(_ update: (inout SimulatorStats) -> Void) {
        inner.withLock { update(&$0.stats) }
    }

    /// Issues a new bearer token valid for a day from `now`.
    func issueToken(now: Date) -> String {
        inner.withLock { inner in
            inner.issued += 1
            let token = "sim-" + String(SeededHash.hash(seed, 60, inner.issued), radix: 16)
                + String(SeededHash.hash(seed, 61, inner.issued), radix: 16)
            inner.tokens[token] = now + Self.tokenLifetime
            inner.stats.tokensIssued += 1
            return token
        }
    }

    /// Whether `token` was issued here, is not revoked and has not expired at `now`.
    func isValid(token: String, now: Date) -> Bool {
        inner.withLock { inner in inner.tokens[token].map { now < $0 } ?? false }
    }

    /// Forgets every issued token: the next API call with any of them gets a 401.
    func revokeTokens() {
        inner.withLock { $0.tokens.removeAll() }
    }

    /// The budget's verdict on an API request at `now`; `nil` when there is no budget.
    func admit(now: Date) -> SlidingWindowLimiter.Decision? {
        inner.withLock { inner in inner.limiter?.admit(at: now.timeIntervalSince1970) }
    }

    /// The random faults of the next API request.
    func nextFaults() -> FaultDecision {
        let request = inner.withLock { inner in
            inner.requests += 1
            return inner.requests
        }
        return FaultDecision.draw(faults, seed: seed, request: request)
    }
}
