import ServiceLifecycle

/// A simulator that is serving: where it listens, what it has done, how to stop it.
package final class RunningSimulator: Sendable {
    /// The port it listens on.
    package let port: Int
    /// The port of the download listener (live dialect only).
    package let downloadPort: Int?
    private let state: ServerState
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    init(port: Int, downloadPort: Int?, state: ServerState, group: ServiceGroup, task: Task<Void, Never>) {
        self.port = port
        self.downloadPort = downloadPort
        self.state = state
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:PORT`: both the API and the login base URL.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `http://127.0.0.1:PORT` of the download listener, where redirected results pages are
    /// served; `nil` in the guide dialect, which has none.
    package var downloadBaseURL: String? { downloadPort.map { "http://127.0.0.1:\($0)" } }

    /// What it has served and injected so far.
    package var stats: SimulatorStats { state.stats }

    /// Forgets every issued token, so the next API call gets a 401 (tests of refresh-on-401).
    package func revokeTokens() { state.revokeTokens() }

    /// Waits until the server has shut down: after `shutdown()`, or on SIGINT or SIGTERM when it
    /// was started with `stopsOnSignals`.
    package func stopped() async {
        await task.value
    }

    /// Stops serving (gracefully: requests in flight finish) and waits until the server has shut down.
    package func shutdown() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}
