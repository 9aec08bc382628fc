import Foundation
import GRDB
import PartnerAuditCore

// What partner apps did, counted by SQL: calls by scope, traffic by source address, buckets of
// denials and 429s, activity by day and by user agent. Nothing here loads the events themselves.

/// Calls of one client grouped by the scope recorded on them, or by method and path when none was.
package struct ScopeUsageRow: Sendable, Hashable {
    package var clientID: String
    package var scope: String?
    package var method: String?
    package var path: String?
    package var count: Int
}

/// A client's traffic from one source IP, by action and whether it got through.
package struct SourceUsageRow: Sendable, Hashable {
    package var clientID: String
    package var sourceIP: String
    /// One of `AuditAction.traffic`.
    package var action: AuditAction
    /// Whether the platform let it through (a success outcome and, for requests, a status below 400).
    package var allowed: Bool
    /// Whether a gateway's access log recorded it (the address is the partner's own, not the gateway's).
    package var viaGateway: Bool
    package var count: Int
}

/// How many matching events one client had in one time bucket (an hour or a day).
package struct BucketCount: Sendable, Hashable {
    package var clientID: String
    /// `2026-09-30T14` for an hour, `2026-09-30` for a day.
    package var bucket: String
    package var count: Int

    package init(clientID: String, bucket: String, count: Int) {
        self.clientID = clientID
        self.bucket = bucket
        self.count = count
    }
}

/// Events and denials of one day (or month), for the report's timeline.
package struct ActivityBucket: Sendable, Hashable {
    /// `2026-09-30` for a day, `2026-09` for a month.
    package var bucket: String
    package var events: Int
    /// Events `EventPredicate.denial` selects.
    package var denials: Int

    package init(bucket: String, events: Int, denials: Int) {
        self.bucket = bucket
        self.events = events
        self.denials = denials
    }
}

/// One client's events in a period from one user agent.
package struct ClientAgentCount: Sendable, Hashable {
    package var clientID: String
    /// `nil` for events that recorded no user agent.
    package var userAgent: String?
    package var events: Int
    package var denials: Int
}

extension Warehouse {
    /// Streams `api.request` calls by partner clients in the window, grouped by recorded scope,
    /// method and path (the last two only when no scope was recorded).
    package func scopeUsage(in window: TimeWindow, _ visit: @escaping @Sendable (ScopeUsageRow) -> Void) async throws {
        try await database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT actor_id, scope, CASE WHEN scope IS NULL THEN method END AS method,
                       CASE WHEN scope IS NULL THEN path END AS path, count(*) AS n
                FROM event_log
                WHERE \(EventPredicate.partnerRequest.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2, 3, 4
                """, arguments: window.sqlArguments)
            while let row = try rows.next() {
                visit(ScopeUsageRow(clientID: row["actor_id"], scope: row["scope"], method: row["method"], path: row["path"], count: row["n"]))
            }
        }
    }

    /// Streams partner clients' requests and token events in the window, grouped by source IP.
    package func sourceUsage(in window: TimeWindow, _ visit: @escaping @Sendable (SourceUsageRow) -> Void) async throws {
        try await database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT actor_id, source_ip, action, (outcome = \(Outcome.success.sqlLiteral) AND coalesce(status, 200) < 400) AS allowed,
                       \(fromGateway) AS via_gateway, count(*) AS n
                FROM event_log
                WHERE \(EventPredicate.partnerTraffic.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2, 3, 4, 5
                """, arguments: window.sqlArguments)
            while let row = try rows.next() {
                visit(SourceUsageRow(clientID: row["actor_id"], sourceIP: row["source_ip"], action: AuditAction(text: row["action"]), allowed: row["allowed"], viaGateway: row["via_gateway"], count: row["n"]))
            }
        }
    }

    /// The hours of `window` (`2026-09-30T14`) in which partner apps had traffic on record but no
    /// gateway access-log line was stored: where a gateway's log does not cover partner traffic.
    package func hoursWithoutGatewayLines(in window: TimeWindow) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT substr(timestamp, 1, \(TimeBucket.hour.labelLength)) AS hour FROM event_log
                WHERE \(EventPredicate.partnerTraffic.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1 HAVING sum(\(fromGateway)) = 0 ORDER BY 1
                """, arguments: window.sqlArguments)
        }
    }

    /// Each client's last event (as actor, or as the subject of a token event) before `moment`.
    package func lastActivity(before moment: Int64) async throws -> [String: String] {
        try await database.read { db in
            var last: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT actor_id, max(timestamp) AS last FROM event_log
                WHERE \(byPartnerApp) AND timestamp < ? GROUP BY actor_id
                """, arguments: [Timestamp.format(milliseconds: moment)]) {
                last[row["actor_id"]] = row["last"]
            }
            return last
        }
    }

    /// The `bucket`s in which a partner app had at least `threshold` events that `predicate`
    /// selects (AN-1: denials an hour; AN-2: 429s a day), by client then bucket.
    package func partnerBuckets(
        _ bucket: TimeBucket, of predicate: EventPredicate, in window: TimeWindow, threshold: Int
    ) async throws -> [BucketCount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT actor_id, substr(timestamp, 1, \(bucket.labelLength)) AS bucket, count(*) AS n FROM event_log
                WHERE \(byPartnerApp) AND \(predicate.sql) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2 HAVING n >= ? ORDER BY 1, 2
                """, arguments: window.sqlArguments + [threshold]).map {
                BucketCount(clientID: $0["actor_id"], bucket: $0["bucket"], count: $0["n"])
            }
        }
    }

    /// Events and denials per day of the window (`byMonth`: per month), oldest first; days without events are absent.
    package func activity(in window: TimeWindow, byMonth: Bool = false) async throws -> [ActivityBucket] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(timestamp, 1, \((byMonth ? TimeBucket.month : .day).labelLength)) AS bucket, count(*) AS events,
                       sum(\(EventPredicate.denial.sql)) AS denials
                FROM event_log WHERE timestamp >= ? AND timestamp < ?
                GROUP BY 1 ORDER BY 1
                """, arguments: window.sqlArguments).map {
                ActivityBucket(bucket: $0["bucket"], events: $0["events"], denials: $0["denials"] ?? 0)
            }
        }
    }

    /// Each partner client's events in the window by user agent, ordered by client then most events.
    package func clientAgents(in window: TimeWindow) async throws -> [ClientAgentCount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT actor_id, user_agent, count(*) AS events,
                       sum(\(EventPredicate.denial.sql)) AS denials
                FROM event_log WHERE \(byPartnerApp) AND timestamp >= ? AND timestamp < ?
                GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
                """, arguments: window.sqlArguments).map {
                ClientAgentCount(clientID: $0["actor_id"], userAgent: $0["user_agent"], events: $0["events"], denials: $0["denials"] ?? 0)
            }
        }
    }

    /// The number of stored events (that `predicate` selects, when given).
    package func eventCount(matching predicate: EventPredicate? = nil) async throws -> Int {
        let condition = predicate.map { " WHERE \($0.sql)" } ?? ""
        return try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event_log\(condition)") ?? 0 }
    }

    /// Every stored event id (for tests and small warehouses).
    package func eventIDs() async throws -> [String] {
        try await database.read { try String.fetchAll($0, sql: "SELECT id FROM event_log ORDER BY seq") }
    }
}
