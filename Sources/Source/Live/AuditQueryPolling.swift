/// How the live adapter waits for an audit query: first about as long as the last queries ran
/// (`QueryRunTimes`; at once before any has), then polls with a doubling delay, and gives up.
///
/// Every poll is a request under the budget, so a query expected to run 3 s is not polled
/// twenty times while it does.
package struct AuditQueryPolling: Sendable {
    /// The shortest wait after a poll that found the query still running; doubled after each poll.
    package var firstDelay: Duration
    /// The longest wait between two polls (longer for a query expected to run long: a quarter of that).
    package var maxDelay: Duration
    /// How long a query may stay `Queued` or `Running` before the run fails naming its interval.
    package var timeout: Duration

    package init(firstDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(5), timeout: Duration = .seconds(15 * 60)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
    }

    /// The wait after poll `poll` (counting from 1) of a query expected to run `expected` (zero:
    /// unknown): from a sixteenth of `expected` (at least `firstDelay`), doubling, at most the
    /// longer of `maxDelay` and a quarter of `expected`.
    func delay(afterPoll poll: Int, expecting expected: Duration = .zero) -> Duration {
        let first = max(firstDelay, expected / 16)
        return min(first * (1 << min(poll - 1, 20)), max(maxDelay, expected / 4))
    }
}
