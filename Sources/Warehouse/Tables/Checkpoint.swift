import Foundation
import GRDB
import PartnerAuditCore

// `checkpoint`: named positions each source resumes from, moved only inside the commit of what
// they cover. A source's checkpoints are named after it: `audit-log.watermark`.

/// One checkpoint: a name and its value.
struct CheckpointRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "checkpoint"
    var name: String
    var value: String

    /// `source.what`, e.g. `audit-log.watermark`.
    static func name(_ what: String, of source: SourceName) -> String { "\(source.rawValue).\(what)" }
}

extension Warehouse {
    /// The end of the last window an incremental run of `source` committed; `nil` before the first.
    package func watermark(of source: SourceName = .auditLog) async throws -> Int64? {
        try await database.read { db in
            try CheckpointRecord.fetchOne(db, key: CheckpointRecord.name("watermark", of: source))
                .flatMap { Timestamp.parseMilliseconds($0.value) }
        }
    }

    /// Moves `source`'s watermark (inside the transaction that commits what it covers).
    static func setWatermark(_ db: Database, of source: SourceName, to instant: Int64) throws {
        try CheckpointRecord(name: CheckpointRecord.name("watermark", of: source), value: Timestamp.format(milliseconds: instant)).upsert(db)
    }
}
