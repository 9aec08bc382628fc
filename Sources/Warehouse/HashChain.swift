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

    /// The hash of one row given the previous row's hash: the chain's definition. The writer
    /// (`Tail`) and the walk (`ChainWalk`) hash the same bytes without building these strings;
    /// the tests check both against this.
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

extension HashChain {
    /// The end of the chain while a window is appended: hashes each next row from its
    /// `PreparedEvents` encoding, the same bytes `hash(previous:fields:)` would hash.
    struct Tail {
        /// The last row's `seq` (0 for an empty chain).
        private(set) var seq: Int64
        private var head: [UInt8]
        /// `window_id`, encoded: the same for every row of the window.
        private let windowField: [UInt8]
        private var seqField: [UInt8] = []

        init(seq: Int64, head: Data, windowID: Int64) {
            self.seq = seq
            self.head = Array(head)
            windowField = Self.encoded(String(windowID))
            seqField.reserveCapacity(24)
        }

        /// The last row's hash.
        var headData: Data { Data(head) }

        /// The hash of row `seq + 1` given its encoded columns from `id` to `raw_json`.
        mutating func hash(next encoded: UnsafeRawBufferPointer) -> SHA256Digest {
            seqField.removeAll(keepingCapacity: true)
            Self.appendField(decimal: seq + 1, to: &seqField)
            var hasher = SHA256()
            head.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            seqField.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            hasher.update(bufferPointer: encoded)
            windowField.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return hasher.finalize()
        }

        /// Moves the tail to row `seq + 1`, whose hash is `digest`.
        mutating func advance(to digest: SHA256Digest) {
            seq += 1
            head.removeAll(keepingCapacity: true)
            digest.withUnsafeBytes { head.append(contentsOf: $0) }
        }

        private static func encoded(_ field: String) -> [UInt8] {
            var length = UInt32(field.utf8.count).bigEndian
            return withUnsafeBytes(of: &length) { Array($0) } + Array(field.utf8)
        }

        /// Appends the length-prefixed decimal text of `value`, as `String(value)` would read.
        private static func appendField(decimal value: Int64, to out: inout [UInt8]) {
            guard value >= 0 else {  // only a tampered warehouse has a negative seq
                out.append(contentsOf: encoded(String(value)))
                return
            }
            var digits = 1
            var rest = value / 10
            while rest > 0 { digits += 1; rest /= 10 }
            out.append(0); out.append(0); out.append(0); out.append(UInt8(digits))
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(48 + value / divisor % 10))
                divisor /= 10
            }
        }
    }
}

/// The columns of one `event_log` row that the chain covers.
struct StoredEventFields: Equatable {
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
