import GRDB

/// A warehouse that cannot be opened, written or read: names the file and what went wrong.
package struct WarehouseError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable { case cannotOpen, newerSchema, writeRefused, queryFailed, notFound }
    package let code: Code
    package let path: String
    package let message: String

    package init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    init(_ code: Code, path: String, underlying: any Error) {
        let text = (underlying as? DatabaseError).map { $0.message ?? "\($0)" } ?? "\(underlying)"
        self.init(code, path: path, message: text)
    }

    package var description: String {
        switch code {
        case .cannotOpen: "cannot open the warehouse \(path): \(message)"
        case .newerSchema: "the warehouse \(path) was written by a newer PartnerAudit: \(message)"
        case .writeRefused: "refused: \(message)"
        case .queryFailed: "query failed on \(path): \(message)"
        case .notFound: "no warehouse at \(path): \(message)"
        }
    }
}
