import Foundation
import GRDBSQLite

/// How SQLite is told to open a warehouse that is only read (`verify`, `query`): the usual way,
/// or — where the folder cannot be written — as an immutable file.
///
/// SQLite reads a WAL-mode file through its `-wal` and `-shm` files, and creates them when they
/// are missing; in a folder the user cannot write (a copy on read-only media, an auditor's
/// read-only share) it cannot, and the usual opening fails. SQLite documents the way out: a
/// database "designated as immutable using the immutable query parameter" is read without them.
/// That is safe only when the main file holds everything, so it is chosen only then — no `-wal`
/// file beside it, or an empty one. A `-wal` that still holds changes the file has not taken in
/// is read the usual way when its `-shm` is beside it too (SQLite 3.22 and later), and otherwise
/// refused with what to do.
///
/// ```swift
/// let opening = try ReadOnlyOpening(path: "/mnt/copy/warehouse.sqlite")
/// let queue = try DatabaseQueue(path: opening.sqlitePath, configuration: readOnlyConfiguration)
/// ```
struct ReadOnlyOpening: Sendable, Equatable {
    /// What is handed to SQLite: the path itself, or a `file:` URI with `immutable=1`.
    let sqlitePath: String
    /// Whether the file is opened as immutable (its folder cannot be written).
    let isImmutable: Bool

    /// Chooses the opening for the warehouse at `path`.
    ///
    /// - Parameter folderIsWritable: whether SQLite could create files beside `path`; by default
    ///   asked of the system (`access(2)`, which also answers for a read-only file system).
    /// - Throws: `WarehouseError` `.cannotOpen` when the folder cannot be written and a `-wal`
    ///   holding changes has no `-shm` beside it, or when this SQLite cannot read URI file names.
    init(path: String, folderIsWritable: Bool? = nil) throws(WarehouseError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let writable = folderIsWritable ?? (access(folder, W_OK) == 0)
        let files = FileManager.default
        let walSize = (try? files.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? nil
        if writable || (walSize ?? 0) > 0 && files.fileExists(atPath: path + "-shm") {
            sqlitePath = path
            isImmutable = false
            return
        }
        if let walSize, walSize > 0 {
            throw WarehouseError(.cannotOpen, path: path, message: """
                its folder \(folder) cannot be written, and \(path)-wal holds \(walSize) bytes of changes not yet in the file, \
                which SQLite cannot read without creating \(path)-shm there; copy the warehouse together with its -wal file \
                to a folder you can write, or open it once where it was written so SQLite takes the changes in
                """)
        }
        guard sqlite3_compileoption_used("USE_URI") == 1 else {
            throw WarehouseError(.cannotOpen, path: path, message: """
                its folder \(folder) cannot be written (SQLite needs to create \(path)-shm there), and this SQLite \
                cannot open it as immutable (it was built without URI file names); copy it to a folder you can write
                """)
        }
        sqlitePath = Self.immutableURI(path)
        isImmutable = true
    }

    /// `file:` + the absolute path, percent-encoded where a URI needs it, + `?mode=ro&immutable=1`.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }
}
