import Foundation
import Logging
import PartnerAuditCore
@testable import Simulator

/// A fresh organisation served on a free port, for one test.
struct SimulatorFixture {
    /// The moment every fixture's events end (a Monday afternoon, UTC).
    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T14:13:20Z

    let organization: SimulatedOrganization
    let server: RunningSimulator
    let clock: ManualClock
    let client: HTTPTestClient

    /// Builds the organisation and starts serving it; the clock stands at `start` unless told otherwise.
    static func start(_ options: SimulatorOptions = SimulatorOptions(scale: 2_000), now: Date = start) async throws -> SimulatorFixture {
        let clock = ManualClock(now: now)
        let organization = SimulatedOrganization(options: options, start: start)  // adopts the server's clock
        var logger = Logger(label: "simulator-tests")
        logger.logLevel = .warning
        let server = try await SimulatorServer.start(organization: organization, clock: clock, logger: logger)
        return SimulatorFixture(organization: organization, server: server, clock: clock, client: HTTPTestClient(baseURL: server.baseURL))
    }

    /// Stops the server.
    func stop() async { await server.shutdown() }

    /// Runs `body` against a fresh fixture and always stops the server afterwards.
    static func with<T>(
        _ options: SimulatorOptions = SimulatorOptions(scale: 2_000), now: Date = start,
        _ body: (SimulatorFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await Self.start(options, now: now)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    /// Canonical text of a moment, for query strings.
    static func text(_ date: Date) -> String { Timestamp.format(date) }

    /// Every event of `[from, to)` fetched page by page; also returns the `total` each page reported.
    func fetchWindow(from: Date, to: Date, pageSize: Int = 500, token: String, extra: String = "") async throws
        -> (events: [[String: Any]], totals: Set<Int>) {
        try await fetchWindow(from: Self.text(from), to: Self.text(to), pageSize: pageSize, token: token, extra: extra)
    }

    /// Every event of `[from, to)` (canonical timestamps) fetched page by page, with the totals reported.
    func fetchWindow(from: String, to: String, pageSize: Int = 500, token: String, extra: String = "") async throws
        -> (events: [[String: Any]], totals: Set<Int>) {
        var events: [[String: Any]] = []
        var totals: Set<Int> = []
        var page = 1
        while true {
            let path = "/api/v2/auditlogs?pageSize=\(pageSize)&page=\(page)&from=\(from)&to=\(to)\(extra)"
            let answer = try await client.get(path, token: token)
            guard answer.status == 200 else { throw FixtureError(description: "page \(page): \(answer.status) \(answer.text)") }
            let json = try answer.json()
            let entities = json["entities"] as? [[String: Any]] ?? []
            totals.insert(json["total"] as? Int ?? -1)
            events += entities
            let pageCount = json["pageCount"] as? Int ?? 0
            if page >= pageCount { break }
            page += 1
        }
        return (events, totals)
    }
}

/// A fixture step that went wrong.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
}
