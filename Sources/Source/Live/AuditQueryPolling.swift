/// How the live adapter waits for an audit query: polls with a doubling delay, and gives up.
package struct AuditQueryPolling: Sendable {
    /// The wait before the second poll (the first is immediate); doubled after each poll.
    package var firstDelay: Duration
    /// The longest wait between two polls.
    package var maxDelay: Duration
    /// How long a query may stay `Queued` or `Running` before the run fails naming its interval.
    package var timeout: Duration

    package init(firstDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(5), timeout: Duration = .seconds(15 * 60)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
    }

    /// The wait after poll `poll` (counting from 1).
    func delay(afterPoll poll: Int) -> Duration {
        min(firstDelay * (1 << min(poll - 1, 20)), maxDelay)
    }
}
