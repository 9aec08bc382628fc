import Foundation
import GRDB
import PartnerAuditCore

// `evaluation_run`: one row per evaluation, with what it found and under which policy.

/// An evaluation run as reports show it.
package struct EvaluationRecord: Sendable, Hashable {
    package var id: Int64
    package var asOf: String
    package var lookbackFrom: String
    package var policyDigest: String
    package var found: Int
}

extension Warehouse {
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
}
