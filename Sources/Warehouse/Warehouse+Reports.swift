import Foundation
import GRDB
import PartnerAuditCore

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

/// An evaluation run as reports show it.
package struct EvaluationRecord: Sendable, Hashable {
    package var id: Int64
    package var asOf: String
    package var lookbackFrom: String
    package var policyDigest: String
    package var found: Int
}

/// Where the hash chain stood: a row number and that row's hash (hex).
package struct ChainMark: Sendable, Hashable {
    package var seq: Int64
    package var head: String
    /// The extraction window that recorded it, when it came from one.
    package var windowID: Int64?
}

// MARK: - Queries of the evidence packs

/// The aggregate queries of the evidence packs: SQL groups and counts, so a pack over a
/// million events never loads the events themselves.
extension Warehouse {
    /// The stored findings whose lifecycle overlaps the window: first seen before its end and
    /// not resolved before its start, leaving out the given rules. Most severe first, then rule,
    /// client name, subject and fingerprint.
    package func findings(overlapping window: TimeWindow, excludingRules excluded: [String] = []) async throws -> [Finding] {
        let (from, to) = (Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis))
        let exclusion = excluded.isEmpty ? "" : "AND rule_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ",")))"
        let order = "CASE severity " + Severity.allCases.reversed().enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        let arguments = StatementArguments([to, from] + excluded)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM finding
                WHERE first_seen < ? AND (resolved_at IS NULL OR resolved_at >= ?) \(exclusion)
                ORDER BY \(order), rule_id, client_name, subject, fingerprint
                """, arguments: arguments).map(Finding.init(row:))
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

    /// The evaluations whose lookback overlaps the window (they judged some of its time), oldest first.
    package func evaluations(covering window: TimeWindow) async throws -> [EvaluationRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, as_of, lookback_from, policy_digest, found FROM evaluation_run
                WHERE lookback_from < ? AND as_of > ? ORDER BY as_of, id
                """, arguments: [Timestamp.format(milliseconds: window.toMillis), Timestamp.format(milliseconds: window.fromMillis)]).map {
                EvaluationRecord(id: $0["id"], asOf: $0["as_of"], lookbackFrom: $0["lookback_from"], policyDigest: $0["policy_digest"], found: $0["found"])
            }
        }
    }

    /// The chain as the last complete extraction window overlapping the window recorded it:
    /// the head that seals the period's evidence. `nil` when no such window stored events.
    package func chainMark(sealing window: TimeWindow) async throws -> ChainMark? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, chain_seq, chain_head FROM extraction_window
                WHERE status = 'complete' AND chain_seq > 0 AND to_ts > ? AND from_ts < ?
                ORDER BY chain_seq DESC, id DESC LIMIT 1
                """, arguments: window.sqlArguments) else { return nil }
            let head: Data = row["chain_head"]
            return ChainMark(seq: row["chain_seq"], head: head.hex, windowID: row["id"])
        }
    }

    /// The hash (hex) of chain row `seq`; `nil` when there is no such row.
    package func chainHash(atSeq seq: Int64) async throws -> String? {
        try await database.read { db in
            try Data.fetchOne(db, sql: "SELECT hash FROM event_log WHERE seq = ?", arguments: [seq])?.hex
        }
    }

    /// The earliest moment the client history knows (the first snapshot's `valid_from`).
    package func clientHistoryStart() async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT min(valid_from) FROM client_snapshot")
        }
    }
}
