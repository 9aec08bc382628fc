import AsyncHTTPClient
import Extractor
import Foundation
import Logging
import PartnerAuditCore
import Source
import Warehouse

/// Wires one extraction: HTTP client, source adapter, warehouse, extractor, progress display.
///
/// Shared by `extract` and `demo` (and, later, `run`).
struct ExtractionJob {
    var configuration: Configuration
    var endpoint: SourceEndpoint
    var credentials: Credentials
    var clock: any WallClock = SystemClock()
    var verbose = false
    /// No per-window lines (the `run` command logs one line per step).
    var quiet = false

    /// Runs the extraction and returns its summary; the HTTP client is shut down either way.
    func run(since: Date?, until: Date?, settings: ExtractionSettings) async throws -> ExtractionSummary {
        let source = configuration.source
        let logger = Logger.stderr("extract", level: verbose ? .debug : (quiet ? .notice : .info))
        let warehouse = try Warehouse(path: configuration.warehouse)
        try IntegrityFailure.check(try await warehouse.verifyChain(),
                                   "Nothing was extracted: extract and run append nothing to a broken chain.")
        let httpClient = APIClient.makeHTTPClient()
        let api = APIClient(
            endpoint: endpoint, credentials: credentials, httpClient: httpClient,
            requestsPerMinute: source.requestsPerMinute, retry: RetryPolicy(maxAttempts: source.maxAttempts),
            requestDeadline: .seconds(source.requestTimeoutSeconds), clock: clock, logger: logger)
        let progress = ProgressDisplay(logger: logger, terminal: Console.stderrIsTerminal && !quiet)
        let platform = adapter(api: api)
        // The sources run side by side: each over a client of its own under the one budget, so
        // each line of the run's record counts its own requests.
        let auditLog = AuditLogSource(
            source: adapter(api: api.withOwnCounts()), warehouse: warehouse, clock: clock, settings: settings, logger: logger,
            onWindow: progress.windowCommitted)
        let extractor = Extractor(
            platform: platform,
            sources: [auditLog] + usageSources(api: api, warehouse: warehouse, settings: settings, logger: logger)
                + gatewaySources(warehouse: warehouse, logger: logger),
            warehouse: warehouse, clock: clock, logger: logger)
        do {
            let summary = try await extractor.run(since: since, until: until)
            progress.finish()
            try await httpClient.shutdown()
            return summary
        } catch {
            progress.finish()
            try? await httpClient.shutdown()
            throw error
        }
    }

    /// The adapter of the configured dialect: the one place that knows there are two.
    private func adapter(api: APIClient) -> any AuditSource {
        let source = configuration.source
        switch source.resolvedDialect {
        case .guide: return GuideSource(api: api, pageSize: source.pageSize)
        case .live: return LiveSource(api: api, pageSize: source.pageSize, concurrency: source.concurrency, clock: clock)
        }
    }

    /// The live platform's API Usage service (source-api.md section 5), read beside the audit log; none in the guide dialect.
    private func usageSources(api: APIClient, warehouse: Warehouse, settings: ExtractionSettings, logger: Logger) -> [any ExtractionSource] {
        guard configuration.source.resolvedDialect == .live else { return [] }
        let usage = APIUsageSettings(firstRunLookback: settings.firstRunLookback)
        var polling = LiveUsageQuery.defaultPolling
        polling.firstDelay = .seconds(configuration.source.usageFirstPollSeconds)
        let query = LiveUsageQuery(api: api.withOwnCounts(), polling: polling, clock: clock)
        return [APIUsageSource(query: query, warehouse: warehouse, clock: clock, settings: usage, logger: logger)]
    }

    /// The partner gateway's access logs (source-api.md section 6), read beside the others; none unless `gateway:` names some.
    private func gatewaySources(warehouse: Warehouse, logger: Logger) -> [any ExtractionSource] {
        guard !configuration.gateway.isEmpty else { return [] }
        return [GatewaySource(logs: configuration.gateway, warehouse: warehouse, clock: clock, logger: logger)]
    }

    /// Window settings from the configuration.
    static func settings(from source: Configuration.SourceSettings) -> ExtractionSettings {
        var settings = ExtractionSettings()
        settings.windowLength = .hours(source.windowHours)
        settings.overlap = .minutes(source.overlapMinutes)
        settings.lag = .minutes(source.lagMinutes)
        settings.concurrency = source.concurrency
        return settings
    }
}
