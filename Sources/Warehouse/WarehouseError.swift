import GRDB

/// A warehouse that cannot be opened, written or read: names the file and what went wrong.
package struct WarehouseError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable { case cannotOpen, newerSchema, writeRefused, queryFailed, notFound, corrupt, tampered }
    package let code: Code
    package let path: String
    package let message: String

    package init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// Wraps an underlying error; SQLite's verdict that the file is damaged or not a database is `.corrupt`, whatever was being done.
    init(_ code: Code, path: String, underlying: any Error) {
        let text = (underlying as? DatabaseError).map { $0.message ?? "\($0)" } ?? "\(underlying)"
        self.init(Self.isCorruption(underlying) ? .corrupt : code, path: path, message: text)
    }

    /// Whether SQLite says the file is damaged (`SQLITE_CORRUPT`) or not a database at all (`SQLITE_NOTADB`).
    package static func isCorruption(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    package var description: String {
        switch code {
        case .cannotOpen: "cannot open the warehouse \(path): \(message)"
        case .newerSchema: "the warehouse \(path) was written by a newer PartnerAudit: \(message)"
        case .writeRefused: "refused: \(message)"
        case .queryFailed: "query failed on \(path): \(message)"
        case .notFound: "no warehouse at \(path): \(message)"
        case .corrupt: "INTEGRITY FAILURE: the warehouse \(path) is damaged (\(message)); restore it from a backup"
        case .tampered: "INTEGRITY FAILURE: the warehouse \(path) does not verify: \(message). Run `partner-audit verify`, treat it as tampered, and restore it from a backup"
        }
    }
}
