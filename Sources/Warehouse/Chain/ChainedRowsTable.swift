import GRDB
import GRDBSQLite

/// A window's rows, hashed into the chain, served to SQLite as a table: what lets one
/// `INSERT … SELECT` store a whole window.
///
/// Inserting row by row costs SQLite a statement's start, five cursors opened and five descents
/// from the root for each row; one statement over all of them keeps its cursors where the last
/// row left them. On 1M gateway rows SQLite's own copy of them this way took 5.4 µs of CPU a
/// row against the writer's 13 or so row by row (README, Performance).
///
/// It is an eponymous table-valued function, `partner_audit_chained_rows(?)`, whose one argument
/// is a pointer to a `ChainedRows` bound with `sqlite3_bind_pointer`: SQL cannot name the rows,
/// only the code that holds them can hand them over.
enum ChainedRowsTable {
    static let name = "partner_audit_chained_rows"

    /// Makes the table known to `db`'s connection; once per connection.
    static func register(_ db: Database) {
        guard let connection = db.sqliteConnection else { return }
        sqlite3_create_module_v2(connection, name, module, nil, nil)
    }

    /// The type SQLite checks a bound pointer against.
    static let pointerType: StaticString = "partner_audit_chained_rows"

    /// The columns in `event_log`'s order, then the hidden argument.
    private static let declaration = "CREATE TABLE x(\(EventLogTable.columnList), rows HIDDEN)"
    private static let argumentColumn = Int32(EventLogTable.Column.allCases.count)

    private struct Cursor {
        var base = sqlite3_vtab_cursor()
        var rows: UnsafePointer<ChainedRows>?
        var row = 0
    }

    /// Our cursor behind the SQLite cursor SQLite hands back (`xOpen` allocated it so).
    private static func cursor(_ base: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> UnsafeMutablePointer<Cursor>? {
        base.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Cursor.self) }
    }

    /// Written once, before any connection can use it, and never again.
    nonisolated(unsafe) private static let module: UnsafeMutablePointer<sqlite3_module> = {
        precondition(MemoryLayout<Cursor>.offset(of: \Cursor.base) == 0, "a cursor must start with SQLite's")
        var module = sqlite3_module()
        module.iVersion = 0
        // No xCreate: an eponymous-only table, used by its name without CREATE VIRTUAL TABLE.
        module.xConnect = { db, _, _, _, table, _ in
            let code = sqlite3_declare_vtab(db, ChainedRowsTable.declaration)
            guard code == SQLITE_OK else { return code }
            let allocated = UnsafeMutablePointer<sqlite3_vtab>.allocate(capacity: 1)
            allocated.initialize(to: sqlite3_vtab())
            table?.pointee = allocated
            return SQLITE_OK
        }
        module.xDisconnect = { table in
            table?.deallocate()
            return SQLITE_OK
        }
        module.xBestIndex = { _, info in
            guard let info else { return SQLITE_ERROR }
            // The rows argument must be given: without it there is nothing to read.
            for index in 0..<Int(info.pointee.nConstraint) {
                let constraint = info.pointee.aConstraint[index]
                guard constraint.iColumn == ChainedRowsTable.argumentColumn else { continue }
                guard constraint.usable != 0, constraint.op == UInt8(SQLITE_INDEX_CONSTRAINT_EQ) else { return SQLITE_CONSTRAINT }
                info.pointee.aConstraintUsage[index].argvIndex = 1
                info.pointee.aConstraintUsage[index].omit = 1
                info.pointee.estimatedCost = 1
                return SQLITE_OK
            }
            return SQLITE_CONSTRAINT
        }
        module.xOpen = { _, cursor in
            let allocated = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
            allocated.initialize(to: Cursor())
            cursor?.pointee = UnsafeMutableRawPointer(allocated).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            ChainedRowsTable.cursor(cursor)?.deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, _, _, count, arguments in
            guard let cursor = ChainedRowsTable.cursor(cursor) else { return SQLITE_ERROR }
            let pointer = count == 1 ? arguments?[0].flatMap { sqlite3_value_pointer($0, ChainedRowsTable.pointerTypeName) } : nil
            cursor.pointee.rows = pointer.map { UnsafePointer($0.assumingMemoryBound(to: ChainedRows.self)) }
            cursor.pointee.row = 0
            return SQLITE_OK
        }
        module.xNext = { cursor in
            guard let cursor = ChainedRowsTable.cursor(cursor) else { return SQLITE_ERROR }
            cursor.pointee.row += 1
            return SQLITE_OK
        }
        module.xEof = { cursor in
            guard let cursor = ChainedRowsTable.cursor(cursor) else { return 1 }
            guard let rows = cursor.pointee.rows else { return 1 }
            return cursor.pointee.row >= rows.pointee.count ? 1 : 0
        }
        module.xColumn = { cursor, context, column in
            guard let cursor = ChainedRowsTable.cursor(cursor), let rows = cursor.pointee.rows else { return SQLITE_ERROR }
            rows.pointee.result(row: cursor.pointee.row, column: column, into: context)
            return SQLITE_OK
        }
        module.xRowid = { cursor, rowid in
            guard let cursor = ChainedRowsTable.cursor(cursor) else { return SQLITE_ERROR }
            rowid?.pointee = sqlite3_int64(cursor.pointee.row)
            return SQLITE_OK
        }
        let allocated = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        allocated.initialize(to: module)
        return allocated
    }()

    /// `pointerType` as the C string `sqlite3_bind_pointer` and `sqlite3_value_pointer` take.
    static var pointerTypeName: UnsafePointer<CChar> {
        UnsafeRawPointer(pointerType.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}

/// A window's events as chained rows: each event's laid-out columns, its `seq` (consecutive from
/// `firstSeq`), its hash (32 bytes each in `hashes`) and the window. Only pointers and numbers,
/// so reading a column retains nothing; every pointer is the caller's, valid while the
/// statement that reads it runs.
struct ChainedRows {
    let events: PreparedEvents.Buffers
    let hashes: UnsafeBufferPointer<UInt8>
    let firstSeq: Int64
    let windowID: Int64

    var count: Int { events.count }

    /// Sets `context`'s result to `column` of row `row`, texts and hash in place (`SQLITE_STATIC`).
    func result(row: Int, column: Int32, into context: OpaquePointer?) {
        guard let column = EventLogTable.Column(rawValue: column) else {
            sqlite3_result_null(context)
            return
        }
        switch column {
        case .seq:
            sqlite3_result_int64(context, firstSeq + Int64(row))
        case .windowID:
            sqlite3_result_int64(context, windowID)
        case .hash:
            sqlite3_result_blob(context, hashes.baseAddress.map { $0 + row * 32 }, 32, nil)
        case .status:
            if let status = events.statuses[row] { sqlite3_result_int64(context, Int64(status)) } else { sqlite3_result_null(context) }
        default:
            let slot = PreparedEvents.slot(row, column)
            let offset = Int(events.offsets[slot])
            guard offset >= 0, let base = events.bytes.baseAddress else {
                sqlite3_result_null(context)
                return
            }
            sqlite3_result_text(context, UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self), events.lengths[slot], nil)
        }
    }
}
