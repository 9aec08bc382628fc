import Foundation
import Logging
import PartnerAuditCore
import Warehouse

/// Partner gateway access logs as a source of the extraction (source-api.md section 6): every
/// file the `gateway:` entries name, each read on from where it stood, one `api.request` event
/// a valid line, through the hash chain like every event.
///
/// A file's place is kept by its identity (`GatewayFileIdentity`: its first line, so rotation and
/// compression do not change it) in `gateway_file`, and moves only in the transaction that stores
/// the lines it covers (`GatewaySettings.batchLines` a transaction): a run killed at any instant
/// resumes exactly. Event ids are stable for the line (`GatewayLineID`), so whatever is read
/// twice is stored once. A last line without its newline is left for a later run, unless the
/// file is a gzip file that ended properly. Files are not time-ranged: every run reads every new
/// line, whatever `--since` and `--until` say.
package struct GatewaySource: ExtractionSource {
    package let name = SourceName.gateway
    let logs: [GatewayLogSettings]
    let warehouse: Warehouse
    let clock: any WallClock
    let settings: GatewaySettings
    let logger: Logger

    package init(logs: [GatewayLogSettings], warehouse: Warehouse, clock: any WallClock, settings: GatewaySettings = GatewaySettings(), logger: Logger) {
        self.logs = logs
        self.warehouse = warehouse
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    /// The files are read whole whatever the range: it names the run's stretch, `since` … `until` (default now).
    package func plannedRange(since: Date?, until: Date?, now: Date) async throws -> TimeWindow {
        let end = Timestamp.milliseconds(until ?? now)
        return TimeWindow(fromMillis: min(since.map(Timestamp.milliseconds) ?? end, end), toMillis: end)
    }

    /// Reads every configured file, oldest first; a file that cannot be read fails the source
    /// once the others are read (what they gave stays stored). The warehouse checkpoints in the
    /// background meanwhile (`Warehouse.withBackgroundCheckpoints`).
    package func extract(_ range: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary {
        var summary = SourceSummary(source: name, range: range)
        let firstFailure = try await warehouse.withBackgroundCheckpoints { checkpoints in
            try await readAll(runID: runID, checkpoints: checkpoints, into: &summary)
        }
        if summary.itemsRejected > 0 {
            logger.warning("gateway: \(summary.itemsRejected) lines rejected (not stored); the first: \(summary.rejections.joined(separator: "; "))")
        }
        if let firstFailure { throw firstFailure }
        return summary
    }

    /// Reads every file the entries name into `summary`: the first file that could not be read, if any.
    private func readAll(runID: Int64, checkpoints: BackgroundCheckpoints?, into summary: inout SourceSummary) async throws -> GatewayReadError? {
        var firstFailure: GatewayReadError?
        for log in logs {
            let paths: [String]
            do {
                paths = try GatewayLogFiles.matching(log.path)
            } catch {
                firstFailure = firstFailure ?? error
                continue
            }
            if paths.isEmpty { logger.notice("gateway: no file matches \(log.path)") }
            for path in paths {
                try Task.checkCancellation()
                do {
                    try await read(path, format: log.format, runID: runID, checkpoints: checkpoints, into: &summary)
                } catch let error as GatewayReadError {
                    logger.error("\(error)")
                    firstFailure = firstFailure ?? error
                }
            }
        }
        return firstFailure
    }
}
