import PartnerAuditCore

/// Keeps requests under a per-minute budget by spacing them evenly, and holds everyone back
/// when the server says to (`Retry-After`).
///
/// Even spacing never exceeds a sliding-window limit of the same budget, so the extractor
/// paces itself instead of bouncing off the limit.
package actor RequestPacer {
    private let interval: Duration
    private let clock: any WallClock
    private var notBefore: Double = 0
    private var lastGrant: Double?
    /// Requests granted so far.
    package private(set) var granted = 0

    /// A pacer for `requestsPerMinute` (at least one: the configuration allows 1…100,000); a
    /// small margin keeps clock skew from tipping it over.
    package init(requestsPerMinute: Int, clock: any WallClock) {
        self.interval = .seconds(60) / max(requestsPerMinute, 1) * 1.01
        self.clock = clock
    }

    /// Waits until the next request may be sent.
    package func acquire() async throws {
        let now = clock.now.timeIntervalSince1970
        var slot = max(now, notBefore)
        if let lastGrant { slot = max(slot, lastGrant + interval.timeInterval) }
        lastGrant = slot
        granted += 1
        if slot > now {
            try await clock.sleep(for: .seconds(slot - now))
        }
    }

    /// Holds every request back until `duration` from now (after a 429's `Retry-After`).
    package func pause(for duration: Duration) {
        notBefore = max(notBefore, clock.now.timeIntervalSince1970 + duration.timeInterval)
    }
}
