import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A loopback HTTP server whose routes a test writes: the far side of the wire for sources that
/// lie, echo secrets, trickle or redirect where they should not.
///
/// ```swift
/// let server = try await HostileServer.start { router in
///     router.get("/api/v2/auditlogs") { _, _ in HostileServer.json(.badRequest, #"{"message":"no"}"#) }
/// }
/// defer { Task { await server.shutdown() } }
/// ```
package final class HostileServer: Sendable {
    /// The port it listens on (127.0.0.1).
    package let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    private init(port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:PORT`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening on a free loopback port with the routes `routes` adds; returns once listening.
    package static func start(_ routes: (Router<BasicRequestContext>) -> Void) async throws -> HostileServer {
        let logger = Logger(label: "hostile-server") { _ in SwiftLogNoOpLogHandler() }
        let router = Router()
        routes(router)
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "hostile"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            try? await group.run()
            continuation.finish()
        }
        var port = 0
        for await bound in started {
            port = bound
            break
        }
        guard port > 0 else { throw HostileServerError() }
        return HostileServer(port: port, group: group, task: task)
    }

    /// Stops serving and waits until it has stopped.
    package func shutdown() async {
        await group.triggerGracefulShutdown()
        await task.value
    }

    /// A JSON answer with a status and extra headers.
    package static func json(_ status: HTTPResponse.Status, _ body: String, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// A token endpoint that issues `token` to anyone.
    package static func issuing(_ token: String) -> @Sendable (Request, BasicRequestContext) async throws -> Response {
        { _, _ in json(.ok, #"{"access_token":"\#(token)","token_type":"bearer","expires_in":86400}"#) }
    }

    /// An empty listing of one page, as `GET /api/v2/oauth/clients` answers for an organisation without clients.
    package static let emptyListing: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
        json(.ok, #"{"entities":[],"pageSize":100,"pageNumber":1,"total":0,"pageCount":1}"#)
    }
}

/// The hostile server could not listen.
struct HostileServerError: Error, CustomStringConvertible {
    var description: String { "the hostile test server could not listen on 127.0.0.1" }
}
