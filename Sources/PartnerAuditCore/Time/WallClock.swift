import Foundation
import Synchronization

/// The time source of everything that waits or asks what time it is.
///
/// Passed in explicitly, so tests can run the extractor and the simulator on a clock
/// they move by hand instead of sleeping.
package protocol WallClock: Sendable {
    /// The current wall-clock time.
    var now: Date { get }
    /// Suspends the caller for the duration (or, on a manual clock, advances time by it).
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
package struct SystemClock: WallClock {
    package init() {}
    package var now: Date { Date() }
    package func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A clock that only moves when told to; `sleep` returns at once and moves it forward.
///
/// Every sleep is recorded, so a test can check that a `Retry-After` was honoured
/// without waiting for it.
package final class ManualClock: WallClock {
    private struct State { var now: Date; var sleeps: [Duration] = [] }
    private let state: Mutex<State>

    package init(now: Date) { state = Mutex(State(now: now)) }

    package var now: Date { state.withLock { $0.now } }
    /// Every duration passed to `sleep`, in order.
    package var sleeps: [Duration] { state.withLock { $0.sleeps } }

    package func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now += duration.timeInterval
        }
        await Task.yield()
    }

    /// Moves the clock forward without recording a sleep.
    package func advance(by duration: Duration) {
        state.withLock { $0.now += duration.timeInterval }
    }

    /// Sets the clock to a moment.
    package func set(_ date: Date) { state.withLock { $0.now = date } }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
