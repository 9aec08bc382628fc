import Foundation
import GRDB
import PartnerAuditCore

// `evaluation_run`: one row per evaluation, with what it found and under which policy.

/// An evaluation run as reports show it.
package struct EvaluationRecord: Sendable, Hashable, FetchableRecord, TableRecord {
    package static let databaseTableName = "evaluation_run"

    package enum Columns {
        static let id = Column("id")
        static let asOf = Column("as_of")
        static let lookbackFrom = Column("lookback_from")
    }

    package var id: Int64
    package var asOf: String
    package var lookbackFrom: String
    package var policyDigest: String
    package var found: Int

    package init(row: Row) throws {
        id = row["id"]
        asOf = row["as_of"]
        lookbackFrom = row["lookback_from"]
        policyDigest = row["policy_digest"]
        found = row["found"]
    }
}

extension Warehouse {
    /// The evaluations whose lookback overlaps the window (they judged some of its time), oldest first.
    package func evaluations(covering window: TimeWindow) async throws -> [EvaluationRecord] {
        let (from, to) = (Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis))
        return try await database.read { db in
            try EvaluationRecord
                .filter(EvaluationRecord.Columns.lookbackFrom < to && EvaluationRecord.Columns.asOf > from)
                .order(EvaluationRecord.Columns.asOf, EvaluationRecord.Columns.id)
                .fetchAll(db)
        }
    }
}
