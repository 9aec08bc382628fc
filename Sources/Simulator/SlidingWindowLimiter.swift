/// A strict sliding-window limiter: at most `budget` admissions in any `window` seconds.
///
/// Only admitted requests take a slot; a refused one learns when the oldest slot frees.
struct SlidingWindowLimiter: Sendable {
    /// What the limiter says about one request.
    enum Decision: Sendable, Equatable {
        /// Admitted; `count` requests now occupy the window.
        case admitted(count: Int)
        /// Refused; retry after this many whole seconds (≥ 1).
        case refused(retryAfter: Int)
    }

    let budget: Int
    let window: Double
    /// Admission times in seconds, oldest first, from `head` on.
    private var stamps: [Double] = []
    private var head = 0

    init(budget: Int, window: Double = 60) {
        self.budget = budget
        self.window = window
    }

    /// Admits or refuses a request arriving at `now` (seconds on any monotonic-enough scale).
    mutating func admit(at now: Double) -> Decision {
        while head < stamps.count, stamps[head] <= now - window { head += 1 }
        if head > 1024, head * 2 > stamps.count {
            stamps.removeFirst(head)
            head = 0
        }
        let count = stamps.count - head
        if count < budget {
            stamps.append(now)
            return .admitted(count: count + 1)
        }
        let wait = (stamps[head] + window - now).rounded(.up)
        return .refused(retryAfter: max(1, Int(wait)))
    }
}
