import GRDB
import PartnerAuditCore

extension TimeWindow {
    /// `[from, to)` as canonical text, for `timestamp >= ? AND timestamp < ?`.
    var sqlArguments: StatementArguments { StatementArguments(sqlValues) }

    var sqlValues: [any DatabaseValueConvertible] {
        [Timestamp.format(milliseconds: fromMillis), Timestamp.format(milliseconds: toMillis)]
    }
}
