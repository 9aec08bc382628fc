import Hummingbird
import Logging
import NIOCore
import PartnerAuditCore
import ServiceLifecycle

/// Serves a simulated organisation over loopback HTTP.
package enum SimulatorServer {
    /// Starts serving on 127.0.0.1 (port 0 picks a free port) and returns once listening.
    ///
    /// The organisation adopts `clock` for its `updateClient` events unless it was built with one.
    ///
    /// ```swift
    /// let server = try await SimulatorServer.start(organization: org, clock: SystemClock(), logger: logger)
    /// defer { Task { await server.shutdown() } }
    /// print("listening on \(server.baseURL)")
    /// ```
    /// - Throws: `SimulatorError` with code `.serverFailedToStart` when the port cannot be bound.
    package static func start(
        organization: SimulatedOrganization, port: Int = 0, clock: any WallClock, logger: Logger
    ) async throws -> RunningSimulator {
        organization.adopt(clock)
        let state = ServerState(seed: organization.options.seed, faults: organization.options.faults)
        let responder = SimulatorResponder(organization: organization, state: state, clock: clock, logger: logger)
        let (started, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: "partner-audit-simulator"),
            onServerRunning: { channel in
                continuation.yield(.success(channel.localAddress?.port ?? port))
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
            } catch {
                continuation.yield(.failure(error))
                logger.error("simulator stopped", metadata: ["error": "\(error)"])
            }
            continuation.finish()
        }
        var iterator = started.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let boundPort)?:
            logger.info("simulator listening", metadata: ["port": "\(boundPort)", "scale": "\(organization.options.scale)",
                                                          "faults": "\(organization.options.faults)"])
            return RunningSimulator(port: boundPort, state: state, group: group, task: task)
        case .failure(let error)?:
            throw SimulatorError(.serverFailedToStart, "could not listen on 127.0.0.1:\(port): \(error)")
        case nil:
            throw SimulatorError(.serverFailedToStart, "could not listen on 127.0.0.1:\(port)")
        }
    }
}
