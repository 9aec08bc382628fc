import Foundation
import PartnerAuditCore
import Source
import Testing
import TestSupport

@Suite("Retry policy: exponential backoff with equal jitter, Retry-After honoured")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(500), maxDelay: .seconds(30))

    @Test("Each backoff lies in the upper half of a ceiling that doubles from the base delay up to the maximum")
    func doublingCeiling() {
        var random = SystemRandomNumberGenerator()
        for attempt in 1...12 {
            let ceiling = min(Duration.milliseconds(500) * (1 << (attempt - 1)), .seconds(30))
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, using: &random)
                #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay) outside [\(ceiling / 2), \(ceiling)]")
            }
        }
    }

    @Test("The jitter spreads over the upper half, not only its ends: draws fall in both its quarters")
    func jitterSpread() {
        var random = SeededRandom(seed: 42)
        let delays = (0..<200).map { _ in policy.delay(afterAttempt: 3, retryAfter: nil, using: &random) }
        #expect(delays.contains { $0 < .milliseconds(1500) } && delays.contains { $0 > .milliseconds(1500) })
        #expect(Set(delays).count > 150, "the waits differ from one another")
    }

    @Test("A Retry-After is waited for in full, plus at most a quarter of the backoff")
    func retryAfter() {
        var random = SystemRandomNumberGenerator()
        for attempt in 1...6 {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: .seconds(7), using: &random)
            let ceiling = min(Duration.milliseconds(500) * (1 << (attempt - 1)), .seconds(30))
            #expect(delay >= .seconds(7) && delay <= .seconds(7) + ceiling / 4)
        }
    }

    @Test("A huge attempt number neither overflows nor exceeds the maximum delay")
    func hugeAttempt() {
        var random = SystemRandomNumberGenerator()
        #expect(policy.delay(afterAttempt: 10_000, retryAfter: nil, using: &random) <= .seconds(30))
    }
}

@Suite("Request pacing: even spacing under the budget, everyone held back after a 429")
struct RequestPacerTests {
    @Test("Requests are spaced evenly at just over 60 s ÷ the budget, and never faster")
    func evenSpacing() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_800_000_000))
        let pacer = RequestPacer(requestsPerMinute: 120, clock: clock)
        let start = clock.now
        for _ in 0..<121 { try await pacer.acquire() }
        let elapsed = clock.now.timeIntervalSince(start)
        // 121 requests at 120 a minute: the first goes at once, 120 intervals of 0.505 s follow.
        #expect(abs(elapsed - 120 * 0.505) < 0.001, "\(elapsed)")
        #expect(await pacer.granted == 121)
        #expect(clock.sleeps.allSatisfy { abs($0.timeInterval - 0.505) < 0.000_001 })
    }

    @Test("A request after a pause waits out the pause, whoever drew the 429")
    func pauseHoldsEveryone() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_800_000_000))
        let pacer = RequestPacer(requestsPerMinute: 6000, clock: clock)
        try await pacer.acquire()
        let paused = clock.now
        await pacer.pause(for: .seconds(5))
        try await pacer.acquire()
        #expect(clock.now.timeIntervalSince(paused) >= 5)
    }

    @Test("Idle time is not banked: after a quiet spell requests are still spaced")
    func noBurstAfterIdle() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_800_000_000))
        let pacer = RequestPacer(requestsPerMinute: 60, clock: clock)
        try await pacer.acquire()
        clock.advance(by: .seconds(600))
        let resumed = clock.now
        try await pacer.acquire()
        try await pacer.acquire()
        #expect(clock.now.timeIntervalSince(resumed) >= 1.0, "the second request after the idle spell waited a full interval")
    }
}
