import Foundation
import GRDB
import PartnerAuditCore

// `api_usage_row`: the API Usage service's rows (source-api.md section 5), append-only. A day's
// figures can grow until the day is final, so the table keeps every distinct set of figures a
// (client, template, method, day) was given, each a new row; the `api_usage` view shows the
// latest. Governed by the row ledger, like every table the rules read.

/// The usage table's name, schema and documented view, in one place.
enum APIUsageTable {
    static let name = "api_usage_row"

    /// Creates the table, its key index and the `api_usage` view (cli.md's columns).
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE api_usage_row (
                id INTEGER PRIMARY KEY,
                client_id TEXT NOT NULL,
                client_name TEXT NOT NULL,
                template_uri TEXT NOT NULL,
                method TEXT NOT NULL,
                day TEXT NOT NULL,
                requests INTEGER NOT NULL,
                status_200 INTEGER NOT NULL,
                status_300 INTEGER NOT NULL,
                status_400 INTEGER NOT NULL,
                status_429 INTEGER NOT NULL,
                status_500 INTEGER NOT NULL,
                run_id INTEGER NOT NULL REFERENCES extraction_run(id),
                stored_at TEXT NOT NULL
            );
            CREATE INDEX api_usage_row_by_key ON api_usage_row(client_id, template_uri, method, day, id);
            CREATE INDEX api_usage_row_by_day ON api_usage_row(day);
            CREATE VIEW api_usage AS
                SELECT client_id, day, template_uri, method, requests, status_200 AS status_2xx, status_300 AS status_3xx,
                       status_400 AS status_4xx, status_429, status_500 AS status_5xx
                FROM api_usage_row AS row
                WHERE id = (SELECT MAX(id) FROM api_usage_row AS later
                            WHERE later.client_id = row.client_id AND later.template_uri = row.template_uri
                              AND later.method = row.method AND later.day = row.day);
            """)
    }

    /// The latest row of every key, as a subquery (the view's rows, with the table's columns).
    static let latestRows = """
        SELECT * FROM api_usage_row AS row
        WHERE id = (SELECT MAX(id) FROM api_usage_row AS later
                    WHERE later.client_id = row.client_id AND later.template_uri = row.template_uri
                      AND later.method = row.method AND later.day = row.day)
        """
}

/// What one committed usage query added.
package struct UsageCommit: Sendable, Equatable {
    /// Rows the service returned, and those stored (new keys, or new figures for a known key).
    package var seen: Int
    package var stored: Int
}

extension Warehouse {
    /// Stores one usage query's rows in a single transaction: each row whose figures differ from
    /// the latest stored for its key (or whose key is new), the run's counters and the usage
    /// source's line of them and, when `checkpoint` is given, the usage source's watermark.
    ///
    /// The same figures read again store nothing; grown figures of a day not yet final are a new row.
    package func commitUsage(
        runID: Int64, rows: [APIUsageRow], polls: Int, requests: Int, checkpoint: Int64?, at now: Date
    ) async throws -> UsageCommit {
        try await database.write { db in
            let latest = try Self.latestUsageFigures(db, days: rows.map(\.day))
            let insert = try db.makeStatement(sql: """
                INSERT INTO api_usage_row (client_id, client_name, template_uri, method, day, requests, status_200, status_300,
                    status_400, status_429, status_500, run_id, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let storedAt = Timestamp.format(now)
            var stored = 0
            var seenInQuery: Set<APIUsageRow> = []
            for row in rows where seenInQuery.insert(row).inserted {
                guard latest[UsageKey(row)] != row.figures else { continue }
                let f = row.figures
                try insert.execute(arguments: [
                    row.clientID, row.clientName, row.templateURI, row.method, row.day,
                    f.requests, f.status200, f.status300, f.status400, f.status429, f.status500, runID, storedAt,
                ])
                stored += 1
            }
            try db.execute(sql: """
                UPDATE extraction_run SET windows = windows + 1, pages = pages + ?, requests = requests + ? WHERE id = ?
                """, arguments: [polls, requests, runID])
            try Self.countWindow(db, source: .apiUsage, runID: runID, pages: polls, requests: requests, seen: rows.count, stored: stored)
            if let checkpoint {
                try Self.setWatermark(db, of: .apiUsage, to: checkpoint)
            }
            return UsageCommit(seen: rows.count, stored: stored)
        }
    }

    /// The latest stored figures of every key on the days from the first to the last of `days`,
    /// read in one pass (the rows of a key come in `id` order, so the last one read is the latest).
    private static func latestUsageFigures(_ db: Database, days: [String]) throws -> [UsageKey: UsageFigures] {
        guard let first = days.min(), let last = days.max() else { return [:] }
        var latest: [UsageKey: UsageFigures] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT client_id, template_uri, method, day, requests, status_200, status_300, status_400, status_429, status_500
            FROM api_usage_row WHERE day >= ? AND day <= ? ORDER BY id
            """, arguments: [first, last])
        while let row = try cursor.next() {
            latest[UsageKey(clientID: row[0], templateURI: row[1], method: row[2], day: row[3])] = UsageFigures(
                requests: row[4], status200: row[5], status300: row[6], status400: row[7], status429: row[8], status500: row[9])
        }
        return latest
    }

    /// The latest figures of every usage key whose day lies in `window`, by client, template,
    /// method and day: what the `api_usage` view shows.
    package func usageRows(in window: TimeWindow) async throws -> [APIUsageRow] {
        let (from, to) = Self.dayRange(window)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT client_id, client_name, template_uri, method, day, requests, status_200, status_300, status_400, status_429, status_500
                FROM (\(APIUsageTable.latestRows)) WHERE day >= ? AND day <= ? ORDER BY client_id, day, template_uri, method
                """, arguments: [from, to]).map(APIUsageRow.init(row:))
        }
    }

    /// Requests per client, endpoint template and method over the days of `window` (latest
    /// figures of each day): what LP-2 joins to the endpoint map.
    package func usageByEndpoint(in window: TimeWindow) async throws -> [EndpointUsage] {
        let (from, to) = Self.dayRange(window)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT client_id, template_uri, method, SUM(requests) FROM (\(APIUsageTable.latestRows))
                WHERE day >= ? AND day <= ? AND requests > 0 GROUP BY client_id, template_uri, method
                """, arguments: [from, to]).map { EndpointUsage(clientID: $0[0], templateURI: $0[1], method: $0[2], requests: $0[3]) }
        }
    }

    /// Each client's last day with requests before `instant` (all history), `YYYY-MM-DD`: LP-5's activity.
    package func lastUsageDay(before instant: Int64) async throws -> [String: String] {
        let before = TimeBucket.day.label(of: instant - 1)
        return try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT client_id, MAX(day) FROM api_usage_row WHERE requests > 0 AND day <= ? GROUP BY client_id
                """, arguments: [before])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as String) })
        }
    }

    /// Days of `window` on which a client's answers of one status class (latest figures, every
    /// endpoint together) reached `threshold`: AN-1 (`.clientErrors`) and AN-2 (`.rateLimited`).
    package func usageDays(_ status: UsageStatus, in window: TimeWindow, threshold: Int) async throws -> [BucketCount] {
        let (from, to) = Self.dayRange(window)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT client_id, day, SUM(\(status.column)) AS n FROM (\(APIUsageTable.latestRows))
                WHERE day >= ? AND day <= ? GROUP BY client_id, day HAVING n >= ? ORDER BY client_id, day
                """, arguments: [from, to, threshold]).map { BucketCount(clientID: $0[0], bucket: $0[1], count: $0[2]) }
        }
    }

    /// The labels of the first and the last day `window` touches (a pair no day lies between when it is empty).
    private static func dayRange(_ window: TimeWindow) -> (String, String) {
        guard window.toMillis > window.fromMillis else { return ("1", "0") }
        return (TimeBucket.day.label(of: window.fromMillis), TimeBucket.day.label(of: window.toMillis - 1))
    }
}

/// A status class of the usage rows that the rules count per day.
package enum UsageStatus: Sendable {
    /// `status400`: every 4xx (401, 403, 404 and 429 are not told apart).
    case clientErrors
    /// `status429`.
    case rateLimited

    var column: String {
        switch self {
        case .clientErrors: "status_400"
        case .rateLimited: "status_429"
        }
    }
}

/// Requests of one client to one endpoint template with one method, summed over days.
package struct EndpointUsage: Sendable, Hashable {
    package var clientID: String
    package var templateURI: String
    package var method: String
    package var requests: Int

    package init(clientID: String, templateURI: String, method: String, requests: Int) {
        self.clientID = clientID
        self.templateURI = templateURI
        self.method = method
        self.requests = requests
    }
}

/// What identifies a usage row's figures: its client, endpoint template, method and day.
private struct UsageKey: Hashable {
    var clientID: String
    var templateURI: String
    var method: String
    var day: String
}

private extension UsageKey {
    init(_ row: APIUsageRow) {
        self.init(clientID: row.clientID, templateURI: row.templateURI, method: row.method, day: row.day)
    }
}

extension APIUsageRow {
    /// A stored row: client id and name, template, method, day, then the six figures.
    init(row: Row) {
        self.init(clientID: row[0], clientName: row[1], templateURI: row[2], method: row[3], day: row[4], figures: UsageFigures(
            requests: row[5], status200: row[6], status300: row[7], status400: row[8], status429: row[9], status500: row[10]))
    }
}
