import Hummingbird
import Logging
import NIOCore
import PartnerAuditCore
import ServiceLifecycle
import UnixSignals

/// Serves a simulated organisation over loopback HTTP.
package enum SimulatorServer {
    /// Starts serving on 127.0.0.1 (port 0 picks a free port) and returns once listening.
    ///
    /// In the live dialect a second listener, on a free port of its own, serves the redirected
    /// results pages (`RunningSimulator.downloadBaseURL`); it stops with the first.
    /// The organisation adopts `clock` for its `updateClient` events unless it was built with one.
    /// With `stopsOnSignals`, SIGINT and SIGTERM shut it down gracefully, through ServiceLifecycle's
    /// service group; `RunningSimulator.stopped()` waits for that.
    ///
    /// ```swift
    /// let server = try await SimulatorServer.start(organization: org, clock: SystemClock(), logger: logger)
    /// defer { Task { await server.shutdown() } }
    /// print("listening on \(server.baseURL)")
    /// ```
    /// - Throws: `SimulatorError` with code `.serverFailedToStart` when a port cannot be bound.
    package static func start(
        organization: SimulatedOrganization, port: Int = 0, clock: any WallClock, logger: Logger, stopsOnSignals: Bool = false
    ) async throws -> RunningSimulator {
        organization.adopt(clock)
        let state = ServerState(seed: organization.options.seed, faults: organization.options.faults)
        let api = SimulatorAPI(organization: organization, state: state, clock: clock, logger: logger)
        let (started, continuation) = AsyncStream<Result<(Listener, Int), any Error>>.makeStream()
        var services: [any Service] = [Application(
            router: api.router(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: "partner-audit-simulator"),
            onServerRunning: { channel in continuation.yield(.success((.api, channel.localAddress?.port ?? port))) },
            logger: logger
        )]
        if organization.options.dialect == .live {
            services.append(Application(
                router: DownloadListener(
                    state: state, message: api.liveMessage, latency: .milliseconds(organization.options.latencyMilliseconds), clock: clock
                ).router(),
                configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "partner-audit-downloads"),
                onServerRunning: { channel in continuation.yield(.success((.downloads, channel.localAddress?.port ?? 0))) },
                logger: logger
            ))
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: stopsOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let task = Task {
            do {
                try await group.run()
            } catch {
                continuation.yield(.failure(error))
                logger.error("simulator stopped", metadata: ["error": "\(error)"])
            }
            continuation.finish()
        }
        var ports: [Listener: Int] = [:]
        for await event in started {
            switch event {
            case .success((let listener, let boundPort)):
                ports[listener] = boundPort
                if listener == .downloads { state.downloadPort = boundPort }
            case .failure(let error):
                task.cancel()
                throw SimulatorError(.serverFailedToStart, "could not listen on 127.0.0.1:\(port): \(error)")
            }
            if ports.count == services.count { break }
        }
        guard let boundPort = ports[.api], ports.count == services.count else {
            throw SimulatorError(.serverFailedToStart, "could not listen on 127.0.0.1:\(port)")
        }
        logger.info("simulator listening", metadata: ["port": "\(boundPort)", "scale": "\(organization.options.scale)",
                                                      "dialect": "\(organization.options.dialect.rawValue)",
                                                      "faults": "\(organization.options.faults)"])
        return RunningSimulator(port: boundPort, downloadPort: ports[.downloads], state: state, group: group, task: task)
    }

    /// The listeners a server runs: the API, and in the live dialect the downloads.
    private enum Listener: Hashable, Sendable {
        case api, downloads
    }
}
