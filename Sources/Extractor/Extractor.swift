import Foundation
import Logging
import PartnerAuditCore
import Source
import Warehouse

/// Source → warehouse: a snapshot of every OAuth client, then the sources of the extraction
/// (`ExtractionSource`) side by side, each with its own line in the run's record and its own
/// checkpoints and commits.
///
/// The sources' requests all go through the one API client's pacer, so the budget's even
/// spacing and a 429's hold cover every request in flight together; while one source waits on
/// the platform (an audit query running, a usage query polled), the others' requests go out.
///
/// What each source commits stays committed whatever happens after: a run killed at any
/// instant and started again stores exactly what an uninterrupted run would.
package struct Extractor: Sendable {
    /// The organisation's directory: it authenticates and lists the OAuth clients.
    private let platform: any AuditSource
    private let sources: [any ExtractionSource]
    private let warehouse: Warehouse
    private let clock: any WallClock
    private let logger: Logger

    /// Reads `platform`'s clients, then `sources` side by side (their lines recorded in this order).
    ///
    /// Each source that sends requests should have its own API client made from `platform`'s
    /// (`APIClient.withOwnCounts()`): the same budget, and its requests counted on their own for its line.
    package init(platform: any AuditSource, sources: [any ExtractionSource], warehouse: Warehouse, clock: any WallClock, logger: Logger) {
        self.platform = platform
        self.sources = sources
        self.warehouse = warehouse
        self.clock = clock
        self.logger = logger
    }

    /// Reads `source`'s clients, then its audit log (`AuditLogSource`).
    package init(
        source: any AuditSource, warehouse: Warehouse, clock: any WallClock, settings: ExtractionSettings,
        logger: Logger, onWindow: @escaping @Sendable (WindowProgress) async -> Void = { _ in }
    ) {
        let auditLog = AuditLogSource(source: source, warehouse: warehouse, clock: clock, settings: settings, logger: logger, onWindow: onWindow)
        self.init(platform: source, sources: [auditLog], warehouse: warehouse, clock: clock, logger: logger)
    }

    /// Runs one extraction of every source: from `since` (default: each source's checkpoint
    /// less its overlap, or its retention on a first run) to `until` (default: now less the lag).
    ///
    /// Only a run without `until` moves the checkpoints: an explicit range is a backfill. A
    /// source that fails is recorded as failed and the others run on; once all have ended the run
    /// fails with the error of the first (in `sources`' order) that failed. Cancellation stops
    /// every source at once.
    package func run(since: Date? = nil, until: Date? = nil) async throws -> ExtractionSummary {
        let started = clock.now
        var plans: [TimeWindow] = []
        for source in sources { plans.append(try await source.plannedRange(since: since, until: until, now: started)) }
        let range = plans.dropFirst().reduce(plans.first ?? TimeWindow(fromMillis: 0, toMillis: 0)) {
            TimeWindow(fromMillis: min($0.fromMillis, $1.fromMillis), toMillis: max($0.toMillis, $1.toMillis))
        }
        let runID = try await warehouse.startRun(dialect: platform.dialect, range: range, at: started)
        var summary = ExtractionSummary(runID: runID, range: range)
        logger.info("extraction run \(runID) (\(platform.dialect) dialect): \(range)")
        do {
            try await platform.authenticate()
            let clients = try await platform.clients()
            let changes = try await warehouse.recordClients(clients, runID: runID, at: clock.now)
            summary.clients = clients.count
            summary.clientChanges = changes.added + changes.changed + changes.removed
            logger.info("clients: \(clients.count) (\(changes.added) new, \(changes.changed) changed, \(changes.removed) gone)")
            summary.registries = try await recordRegistries(runID: runID)
            summary.fixedRequests = platform.requestCounts.requests
            try await warehouse.addRequests(runID: runID, summary.fixedRequests, clients: clients.count)
            summary.sources = try await extractSideBySide(plans, runID: runID, advancesCheckpoint: until == nil, started: started)
        } catch {
            let message = Self.failureText(error)
            try? await warehouse.finishRun(runID, error: message, at: clock.now)
            throw error
        }
        let counts = platform.requestCounts
        summary.requests = counts.requests
        summary.rateLimited = counts.rateLimited
        try await warehouse.finishRun(runID, error: nil, at: clock.now)
        logger.info("extraction run \(runID) done: \(summary.windows) windows, \(summary.pages) pages, \(summary.eventsStored) new events of \(summary.eventsSeen) read, \(summary.requests) requests, \(summary.rateLimited) rate-limited")
        return summary
    }

    /// Reads the organisation's known-grant registries and stores each whose content changed; one
    /// the platform would not give is logged and left to the shipped list.
    private func recordRegistries(runID: Int64) async throws -> [GrantRegistryRead] {
        let reads = try await platform.grantRegistries()
        for read in reads {
            guard case .read(let registry) = read else { continue }
            let stored = try await warehouse.recordGrantRegistry(registry, runID: runID, at: clock.now)
            logger.info("\(registry.kind.title): \(registry.entries.count) entries\(stored ? ", stored (changed)" : ", unchanged")")
        }
        return reads
    }

    /// Starts every source's line (in `sources`' order, as the record lists them), then runs the
    /// sources side by side; returns their summaries in that order once all have ended.
    ///
    /// - Throws: `CancellationError` as soon as a source is cancelled (every source is cancelled
    ///   with it), or when one failed while the run was being cancelled; else the error of the
    ///   first source in that order that failed.
    private func extractSideBySide(_ plans: [TimeWindow], runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> [SourceSummary] {
        for (source, plan) in zip(sources, plans) {
            try await warehouse.startSource(source.name, runID: runID, range: plan, at: clock.now)
        }
        let outcomes = try await withThrowingTaskGroup(of: SourceOutcome.self) { group in
            for (index, (source, plan)) in zip(sources, plans).enumerated() {
                group.addTask {
                    do {
                        return SourceOutcome(index: index, result: .success(
                            try await extract(source, plan, runID: runID, advancesCheckpoint: advancesCheckpoint, started: started)))
                    } catch {
                        return SourceOutcome(index: index, result: .failure(error))
                    }
                }
            }
            var outcomes = [Result<SourceSummary, any Error>?](repeating: nil, count: sources.count)
            for try await outcome in group {
                if case .failure(let error) = outcome.result, error is CancellationError { throw CancellationError() }
                outcomes[outcome.index] = outcome.result
            }
            return outcomes.compactMap { $0 }
        }
        for case .failure in outcomes where Task.isCancelled { throw CancellationError() }
        return try outcomes.map { try $0.get() }
    }

    /// One source's part of the run, up to its line's finish.
    private func extract(_ source: any ExtractionSource, _ plan: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary {
        do {
            let part = try await source.extract(plan, runID: runID, advancesCheckpoint: advancesCheckpoint, started: started)
            try await warehouse.finishSource(source.name, runID: runID, error: nil, at: clock.now)
            return part
        } catch let unavailable as SourceUnavailable {
            logger.warning("\(unavailable); the rules that rest on it are not testable")
            try await warehouse.finishSource(source.name, runID: runID, unavailable: unavailable.reason, at: clock.now)
            var part = SourceSummary(source: source.name, range: plan)
            part.unavailable = unavailable.reason
            return part
        } catch {
            let message = Self.failureText(error)
            try? await warehouse.finishSource(source.name, runID: runID, error: message, at: clock.now)
            throw error
        }
    }

    /// What a run's or a source's record says of the error that stopped it.
    private static func failureText(_ error: any Error) -> String {
        error is CancellationError ? "cancelled" : "\(error)"
    }
}

/// How one source's part of a run ended, and its place in the run's list of sources.
private struct SourceOutcome: Sendable {
    var index: Int
    var result: Result<SourceSummary, any Error>
}
