import Foundation
import Logging
import PartnerAuditCore
import Source
import Warehouse

/// The live platform's API Usage service as a source of the extraction (source-api.md section 5):
/// whole UTC days from its checkpoint (`api-usage.watermark`) to now, one query per
/// `queryDays` days, each committed with the checkpoint in one transaction.
///
/// A day is final once the next day has passed; until then its figures can still grow. The
/// checkpoint moves only over final days, so the days not yet final are read again by every
/// run: a figure that grew is stored as a new row, one that did not stores nothing.
package struct APIUsageSource: ExtractionSource {
    package let name = SourceName.apiUsage
    private let query: LiveUsageQuery
    private let warehouse: Warehouse
    private let clock: any WallClock
    private let settings: APIUsageSettings
    private let logger: Logger

    package init(query: LiveUsageQuery, warehouse: Warehouse, clock: any WallClock, settings: APIUsageSettings = APIUsageSettings(), logger: Logger) {
        self.query = query
        self.warehouse = warehouse
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    /// From the start of `since`'s day (default: the checkpoint, or the day `firstRunLookback`
    /// before now) to `until` (default: now): every day it touches is read whole as far as it has passed.
    package func plannedRange(since: Date?, until: Date?, now: Date) async throws -> TimeWindow {
        let end = Timestamp.milliseconds(until ?? now)
        let start: Int64
        if let since {
            start = Self.dayStart(of: Timestamp.milliseconds(since))
        } else if let watermark = try await warehouse.watermark(of: name) {
            start = Self.dayStart(of: watermark)
        } else {
            start = Self.dayStart(of: Timestamp.milliseconds(now) - settings.firstRunLookback)
        }
        return TimeWindow(fromMillis: start, toMillis: max(start, end))
    }

    /// Reads the final days first, `queryDays` at a time, then the days not yet final in one query.
    package func extract(_ range: TimeWindow, runID: Int64, advancesCheckpoint: Bool, started: Date) async throws -> SourceSummary {
        var summary = SourceSummary(source: name, range: range)
        let boundary = Self.finalBoundary(at: Timestamp.milliseconds(started))
        for interval in Self.queries(range, finalBefore: boundary, queryDays: settings.queryDays) {
            try Task.checkCancellation()
            let before = query.requestCounts.requests
            let read: (rows: [APIUsageRow], polls: Int)
            do {
                read = try await query.rows(in: interval)
                try Self.check(read.rows, within: interval)
            } catch let error as SourceError where error.code == .forbidden {
                throw SourceUnavailable(source: name, reason: "the API Usage service refused the client (403): it needs the permission oauth:client:view or usage:organization:view")
            } catch let error as SourceError {
                throw ExtractionError(window: interval, place: "usage query of \(interval)", underlying: error)
            }
            let commit = try await warehouse.commitUsage(
                runID: runID, rows: read.rows, polls: read.polls, requests: query.requestCounts.requests - before,
                checkpoint: advancesCheckpoint ? min(interval.toMillis, boundary) : nil, at: clock.now)
            summary.windows += 1
            summary.pages += read.polls
            summary.minimumRequests += 2  // its submission and the poll that finds it complete
            summary.itemsSeen += commit.seen
            summary.itemsStored += commit.stored
            logger.info("usage \(interval): \(commit.seen) rows, \(commit.stored) new or grown, \(read.polls) polls")
        }
        return summary
    }

    /// The queries of `range`: its final part cut every `queryDays` days, then its part not yet final.
    static func queries(_ range: TimeWindow, finalBefore boundary: Int64, queryDays: Int) -> [TimeWindow] {
        let final = TimeWindow(fromMillis: range.fromMillis, toMillis: min(range.toMillis, boundary))
        let open = TimeWindow(fromMillis: max(range.fromMillis, boundary), toMillis: range.toMillis)
        return (final.isEmpty ? [] : final.split(every: .days(max(queryDays, 1)))) + (open.isEmpty ? [] : [open])
    }

    /// The start of the first day not yet final at `now`: yesterday's (it is final once today has passed).
    static func finalBoundary(at now: Int64) -> Int64 { dayStart(of: now) - .day }

    static func dayStart(of instant: Int64) -> Int64 {
        let day = TimeSpan.day.milliseconds
        return (instant >= 0 ? instant : instant - day + 1) / day * day
    }

    /// Refuses a row whose day lies outside the queried interval: the service answered another question.
    private static func check(_ rows: [APIUsageRow], within interval: TimeWindow) throws(SourceError) {
        let (first, last) = (TimeBucket.day.label(of: interval.fromMillis), TimeBucket.day.label(of: interval.toMillis - 1))
        for row in rows where row.day < first || row.day > last {
            throw SourceError(.malformedResponse, request: "usage query results of \(interval)",
                              message: "a row of client \(row.clientID) is dated \(row.day), outside the queried days")
        }
    }
}

/// How the usage source cuts its days into queries.
package struct APIUsageSettings: Sendable {
    /// Days one query covers (the final part of the range; the days not yet final are one query).
    package var queryDays = 7
    /// Where a first run starts when no `--since` is given.
    package var firstRunLookback = TimeSpan.days(90)

    package init(queryDays: Int = 7, firstRunLookback: TimeSpan = .days(90)) {
        self.queryDays = queryDays
        self.firstRunLookback = firstRunLookback
    }
}
