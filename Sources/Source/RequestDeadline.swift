/// A bound on one whole request — connecting, the head and every byte of the body — measured
/// on the real monotonic clock, like the connect and read timeouts it backs up.
///
/// A read timeout restarts with every byte, so a server that trickles a byte a second would
/// hold a request (and the run's lock) for ever; this deadline does not move with progress.
/// It is not the injected `WallClock`: that clock schedules waits the tool chooses, this one
/// bounds the network's.
package struct RequestDeadline: Sendable {
    /// What `source.requestTimeoutSeconds` defaults to.
    package static let `default` = RequestDeadline(.seconds(180))

    package var limit: Duration

    package init(_ limit: Duration) { self.limit = limit }

    /// The result of `operation`, or `SourceError(.deadlineExceeded)` naming `request` once
    /// `limit` has passed; the operation is then cancelled (AsyncHTTPClient closes its connection).
    func run<T: Sendable>(_ request: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            // The first child to finish decides; a cancelled body stream may end early and look
            // complete, so the deadline's `nil` must win over whatever the other child returns later.
            guard let first = try await group.next(), let result = first else {
                throw SourceError(.deadlineExceeded, request: request,
                    message: "no complete answer within \(limit.formatted) (source.requestTimeoutSeconds); not retried")
            }
            return result
        }
    }
}
