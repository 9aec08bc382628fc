import AsyncHTTPClient
import Extractor
import Foundation
import Logging
import PartnerAuditCore
import Simulator
import Source
import Warehouse

/// A simulator on a loopback port, a fresh warehouse file, and a manual clock they share.
///
/// Tests move the clock instead of sleeping: retries and `Retry-After` waits are recorded, not waited.
package final class SimulatorFixture: @unchecked Sendable {
    package static let start = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01T00:00:00Z

    package let clock = ManualClock(now: SimulatorFixture.start)
    package let organization: SimulatedOrganization
    package let simulator: RunningSimulator
    package let options: SimulatorOptions
    package let folder: URL
    package let warehousePath: String
    package let httpClient = APIClient.makeHTTPClient()
    package let logger: Logger

    /// - Parameters:
    ///   - dialect: what the simulator serves and the extractor speaks.
    ///   - organizationWideAllowlist: in the guide dialect, serve every client the organisation's
    ///     allowlist, so one organisation reads the same through both dialects.
    ///   - querySeconds: live dialect, how long each audit query runs on the shared clock.
    ///   - log: where the simulator's, the source's and the extractor's lines go; nowhere when `nil`.
    package init(
        scale: Int = 5_000, days: Int = 10, faults: String = "none", secret: String = "demo-secret",
        dialect: SourceDialect = .guide, organizationWideAllowlist: Bool = false, querySeconds: Double = 0, log: CapturedLog? = nil
    ) async throws {
        logger = log?.logger ?? Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        var options = SimulatorOptions()
        options.querySeconds = querySeconds
        options.dialect = dialect
        options.organizationWideAllowlist = organizationWideAllowlist
        options.scale = scale
        options.days = days
        options.faults = try FaultSpec.parse(faults)
        options.clientSecret = secret
        self.options = options
        organization = SimulatedOrganization(options: options, start: Self.start)
        simulator = try await SimulatorServer.start(organization: organization, port: 0, clock: clock, logger: logger)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("extractor-tests-\(UUID().uuidString)")
        warehousePath = folder.appendingPathComponent("warehouse.sqlite").path
    }

    /// Stops the simulator and the HTTP client and removes the files.
    package func tearDown() async {
        try? await httpClient.shutdown()
        await simulator.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Window settings for a short organisation: 12-hour windows, a 15-minute overlap, a 5-minute lag.
    package var settings: ExtractionSettings {
        var settings = ExtractionSettings()
        settings.windowLength = .hours(12)
        settings.firstRunLookback = .days(options.days) + .hour
        return settings
    }

    package func warehouse(at path: String? = nil) throws -> Warehouse {
        try Warehouse(path: path ?? warehousePath)
    }

    /// An extractor over the adapter of the simulator's dialect, with its credentials unless told otherwise.
    package func extractor(
        warehouse: Warehouse, clientSecret: String? = nil, pageSize: Int = 100, maxAttempts: Int = 8, settings: ExtractionSettings? = nil,
        readsUsage: Bool = true, onWindow: @escaping @Sendable (WindowProgress) async -> Void = { _ in }
    ) throws -> Extractor {
        let api = try apiClient(clientSecret: clientSecret, maxAttempts: maxAttempts)
        let settings = settings ?? self.settings
        let platform = auditSource(api: api, pageSize: pageSize)
        // Each source over a client of its own under the one budget, as `extract` wires them: they run side by side.
        let auditLog = AuditLogSource(
            source: auditSource(api: api.withOwnCounts(), pageSize: pageSize), warehouse: warehouse, clock: clock, settings: settings,
            logger: logger, onWindow: onWindow)
        // The live dialect reads the API Usage service too, as `demo --dialect live` does (unless a
        // test of the audit log's own timing leaves it out).
        let usage: [any ExtractionSource] = options.dialect == .live && readsUsage ? [usageSource(api: api.withOwnCounts(), warehouse: warehouse)] : []
        return Extractor(platform: platform, sources: [auditLog] + usage, warehouse: warehouse, clock: clock, logger: logger)
    }

    /// The API Usage source over `api`, reading back as far as the audit log's first run.
    package func usageSource(api: APIClient, warehouse: Warehouse) -> APIUsageSource {
        APIUsageSource(query: LiveUsageQuery(api: api, clock: clock), warehouse: warehouse, clock: clock,
                       settings: APIUsageSettings(firstRunLookback: settings.firstRunLookback), logger: logger)
    }

    /// A fresh API client to the simulator, with its credentials unless told otherwise.
    package func apiClient(clientSecret: String? = nil, maxAttempts: Int = 8, requestsPerMinute: Int = 1_000_000) throws -> APIClient {
        APIClient(
            endpoint: try SourceEndpoint(apiURL: simulator.baseURL, loginURL: simulator.baseURL),
            credentials: Credentials(clientID: options.clientID, clientSecret: Secret(clientSecret ?? options.clientSecret)),
            httpClient: httpClient, requestsPerMinute: requestsPerMinute, retry: RetryPolicy(maxAttempts: maxAttempts),
            clock: clock, logger: logger)
    }

    /// The adapter of the simulator's dialect over a fresh API client, with its credentials unless told otherwise.
    package func auditSource(clientSecret: String? = nil, pageSize: Int = 100, maxAttempts: Int = 8) throws -> any AuditSource {
        auditSource(api: try apiClient(clientSecret: clientSecret, maxAttempts: maxAttempts), pageSize: pageSize)
    }

    private func auditSource(api: APIClient, pageSize: Int) -> any AuditSource {
        switch options.dialect {
        case .guide: GuideSource(api: api, pageSize: pageSize)
        case .live: LiveSource(api: api, pageSize: pageSize, concurrency: 4, clock: clock)
        }
    }

    /// Every event id the simulator serves up to `moment` whose timestamp is before `before`.
    package func expectedIDs(visibleAt moment: Date) -> Set<String> {
        Set(organization.eventIDs(visibleAt: moment))
    }
}
