import Foundation
import GRDB
import PartnerAuditCore

/// The result of an ad-hoc query: column names and rows of values.
package struct QueryResult: Sendable, Equatable {
    package var columns: [String]
    /// Each value as text; `nil` for SQL NULL.
    package var rows: [[String?]]
}

/// Ad-hoc SQL over a warehouse opened read-only: a write is refused by SQLite itself.
package enum ReadOnlyQuery {
    /// The most rows `run` returns unless told otherwise: a result is held whole in memory
    /// before it is printed.
    package static let defaultMaxRows = 100_000
    /// The most text `run` holds unless told otherwise, 256 MiB: rows under `maxRows` are few
    /// enough, but one row can hold megabytes of JSON.
    package static let defaultMaxBytes = 256 << 20

    /// Runs one statement on a read-only connection and returns its rows; a statement still
    /// running after `timeout` is interrupted and is an error that says so, and so is a result
    /// of more than `maxRows` rows or more than `maxBytes` bytes of text (its values' UTF-8, as
    /// they are printed before any quoting or padding): nothing of it is returned.
    package static func run(_ sql: String, warehouse path: String, timeout: Duration = .seconds(300),
                            maxRows: Int = defaultMaxRows, maxBytes: Int = defaultMaxBytes) throws(WarehouseError) -> QueryResult {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WarehouseError(.notFound, path: path, message: "run `partner-audit extract` (or `demo`) first")
        }
        let opening = try ReadOnlyOpening(path: path)
        do {
            var configuration = GRDB.Configuration()
            configuration.readonly = true
            // So a write's triggers prepare and the write is refused for what it is, not for a missing function.
            configuration.prepareDatabase { db in RowLedger.register(db) }
            let queue = try DatabaseQueue(path: opening.sqlitePath, configuration: configuration)
            let deadline = DispatchWorkItem { queue.interrupt() }
            DispatchQueue.global().asyncAfter(deadline: .now() + Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18,
                                              execute: deadline)
            defer { deadline.cancel() }
            return try queue.read { db in
                try db.execute(sql: "PRAGMA query_only = ON")
                let statement = try db.makeStatement(sql: sql)
                guard statement.isReadonly else {
                    throw WarehouseError(.writeRefused, path: path,
                        message: "`query` opens the warehouse read-only and runs only statements that read (this one writes)")
                }
                let columns = statement.columnNames
                var rows: [[String?]] = []
                var held = 0
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    guard rows.count < maxRows else {
                        throw WarehouseError(.queryFailed, path: path, message: """
                            the result has more than \(maxRows) rows (--max-rows); add a LIMIT, or raise --max-rows
                            """)
                    }
                    let values = (0..<columns.count).map { index in Self.text(row[index] as DatabaseValue) }
                    held += values.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
                    guard held <= maxBytes else {
                        throw WarehouseError(.queryFailed, path: path, message: """
                            the result holds more than \(maxBytes >> 20) MiB of text (--max-megabytes); add a LIMIT, select fewer \
                            or shorter columns, or raise --max-megabytes
                            """)
                    }
                    rows.append(values)
                }
                return QueryResult(columns: columns, rows: rows)
            }
        } catch let error as WarehouseError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw WarehouseError(.queryFailed, path: path, message: "stopped after \(Self.seconds(timeout)) (--timeout): the query ran too long")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw WarehouseError(.writeRefused, path: path, message: "the warehouse is opened read-only: \(error.message ?? "write refused")")
        } catch {
            throw WarehouseError(.queryFailed, path: path, underlying: error)
        }
    }

    /// A duration as `--timeout` gives it: "2 seconds", "1.5 seconds".
    package static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value = fraction == 0 ? "\(whole)" : "\(Double(whole) + Double(fraction) / 1e18)"
        return value == "1" ? "1 second" : "\(value) seconds"
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let data): data.hex
        }
    }
}
