import Crypto
import Foundation
import GRDB

/// The hash chain over `event_log`: each row's hash covers its content and the previous hash.
///
/// Fields are length-prefixed, so no two different rows hash the same input.
/// The first row chains from 32 zero bytes.
package enum HashChain {
    /// The hash the chain starts from.
    package static let genesis = Data(repeating: 0, count: 32)

    /// The hash of one row given the previous row's hash.
    static func hash(previous: Data, fields: [String?]) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        for field in fields {
            if var field {
                var length = UInt32(field.utf8.count).bigEndian
                withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
                field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            } else {
                var absent = UInt32.max.bigEndian
                withUnsafeBytes(of: &absent) { hasher.update(bufferPointer: $0) }
            }
        }
        return Data(hasher.finalize())
    }

    /// The fields of a stored row, in the order they are hashed.
    static func fields(seq: Int64, event: StoredEventFields) -> [String?] {
        [String(seq), event.id, event.timestamp, event.actorType, event.actorID, event.action, event.resource,
         event.resourceID, event.outcome, event.sourceIP, event.method, event.path, event.status.map(String.init),
         event.scope, event.userAgent, event.rawJSON, String(event.windowID)]
    }
}

/// The columns of one `event_log` row that the chain covers.
struct StoredEventFields {
    var id: String
    var timestamp: String
    var actorType: String
    var actorID: String
    var action: String
    var resource: String
    var resourceID: String?
    var outcome: String
    var sourceIP: String?
    var method: String?
    var path: String?
    var status: Int?
    var scope: String?
    var userAgent: String?
    var rawJSON: String
    var windowID: Int64
}

extension Data {
    /// Lower-case hexadecimal.
    package var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
