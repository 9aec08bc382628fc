import AsyncHTTPClient
import Extractor
import Foundation
import Logging
import PartnerAuditCore
import Source
import Warehouse

/// A hostile server, the guide adapter over a fresh API client to it, a warehouse file, a manual
/// clock and a log that keeps every line: what a test of a lying or echoing source needs.
package final class HostileFixture: @unchecked Sendable {
    package static let clientID = "hostile-test-client"
    package let server: HostileServer
    package let clock = ManualClock(now: SimulatorFixture.start)
    package let log = CapturedLog()
    package let folder: URL
    package let warehousePath: String
    package let httpClient = APIClient.makeHTTPClient()

    package init(server: HostileServer) {
        self.server = server
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-tests-\(UUID().uuidString)")
        warehousePath = folder.appendingPathComponent("warehouse.sqlite").path
    }

    /// Stops the server and the HTTP client and removes the files.
    package func tearDown() async {
        try? await httpClient.shutdown()
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    /// An API client to the server with `secret`, on the fixture's clock and log.
    package func api(secret: String = "s3cret", maxAttempts: Int = 3, requestDeadline: Duration = .seconds(30)) throws -> APIClient {
        APIClient(
            endpoint: try SourceEndpoint(apiURL: server.baseURL, loginURL: server.baseURL),
            credentials: Credentials(clientID: Self.clientID, clientSecret: Secret(secret)),
            httpClient: httpClient, requestsPerMinute: 1_000_000,
            retry: RetryPolicy(maxAttempts: maxAttempts), requestDeadline: requestDeadline,
            clock: clock, logger: log.logger)
    }

    /// Windows of a day, the first run reading `days` back from the clock.
    package func settings(days: Int = 2) -> ExtractionSettings {
        var settings = ExtractionSettings()
        settings.windowLength = .day
        settings.lag = .minutes(0)
        settings.firstRunLookback = .days(days)
        return settings
    }

    /// An extractor over the guide adapter of `api`.
    package func extractor(api: APIClient, warehouse: Warehouse, pageSize: Int = 100, settings: ExtractionSettings? = nil) -> Extractor {
        Extractor(source: GuideSource(api: api, pageSize: pageSize), warehouse: warehouse, clock: clock,
                  settings: settings ?? self.settings(), logger: log.logger)
    }
}
