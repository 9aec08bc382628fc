/// How often and how long to retry a failed request: exponential backoff with "equal jitter"
/// (a random wait in the upper half of the doubling ceiling, so retries really back off),
/// never shorter than what the server's `Retry-After` asked for.
package struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    package var maxAttempts: Int
    /// The backoff before the second attempt; doubled each time after.
    package var baseDelay: Duration
    /// The longest backoff between two attempts.
    package var maxDelay: Duration
    /// A `Retry-After` above this is not waited for: the run fails instead (vendor SDKs use 180 s).
    package var maxRetryAfter: Duration

    package init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(180)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given the server's `Retry-After`.
    package func delay(afterAttempt attempt: Int, retryAfter: Duration?, using random: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(attempt - 1, 20)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        // Equal jitter: half the ceiling, plus a random part of the other half.
        let fraction = Double.random(in: 0.5...1.0, using: &random)
        let backoff = ceiling * fraction
        guard let retryAfter else { return backoff }
        // Wait what Retry-After says, plus a jittered slice so many clients do not return at once.
        return retryAfter + backoff / 4
    }
}
