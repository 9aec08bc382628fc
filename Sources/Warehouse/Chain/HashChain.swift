import Crypto
import PartnerAuditCore
import Foundation
import GRDB

/// The hash chain over `event_log`: each row's hash covers its chained columns
/// (`EventLogTable.chained`, `seq` through `window_id`) and the previous row's hash.
///
/// Each field is encoded as `ChainField` says, so no two different rows hash the same input.
/// An empty chain's head is 32 zero bytes (`genesis`). A chain begun since the row ledger
/// (`v7-row-ledger`) has its first row chain from `ledgeredGenesis` instead; one begun by an
/// older version, from `genesis`.
package enum HashChain {
    /// The head of an empty chain, and what the first row of a chain begun before the row ledger chains from.
    package static let genesis = Data(repeating: 0, count: 32)

    /// What the first row of a chain begun under the row ledger chains from: SHA-256 of a fixed
    /// text. The chain thus records, in a row nobody can change without rewriting every hash
    /// after it, that the warehouse had a ledger: a file whose `row_ledger` was dropped with its
    /// migration records, to look like an older warehouse whose rows a migration would baseline
    /// unverified, no longer verifies (`Warehouse.verifyEvents`).
    package static let ledgeredGenesis = Data(SHA256.hash(data: Data("PartnerAudit event_log, begun under row_ledger".utf8)))

    /// The hash of one row given the previous row's hash and its chained fields as text. The
    /// writer (`PreparedEvents` and `Tail`) and the walk (`ChainWalk`) hash the same bytes
    /// without building these strings; the tests check both against this.
    static func hash(previous: Data, fields: [String?]) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        for field in fields {
            if var field {
                field.withUTF8 { ChainField.update(&hasher, text: UnsafeRawBufferPointer($0)) }
            } else {
                ChainField.update(&hasher, text: nil)
            }
        }
        return Data(hasher.finalize())
    }

    /// The fields of a stored row, in the order they are hashed (`EventLogTable.chained`).
    static func fields(seq: Int64, event: StoredEventFields) -> [String?] {
        [String(seq), event.id, event.timestamp, event.actorType, event.actorID, event.action, event.resource,
         event.resourceID, event.outcome, event.sourceIP, event.method, event.path, event.status.map(String.init),
         event.scope, event.userAgent, event.rawJSON, String(event.windowID)]
    }
}

/// How the chain encodes one field: the text's UTF-8 prefixed with its length as a
/// big-endian `UInt32`, or — for an absent (NULL) field — the marker `UInt32.max` alone.
/// The chain's one definition of a field: every writer and reader of hashes goes through it,
/// and `ChainFieldWriter` writes the same encoding by pointer for an event's layout.
enum ChainField {
    /// The length an absent field is marked with, in the place of a text's length.
    static var absentMarker: UInt32 { .max }
    /// The marker's bytes, as a field's prefix.
    static let absent: [UInt8] = withUnsafeBytes(of: absentMarker.bigEndian, Array.init)

    /// Appends the length prefix of a field of `length` bytes.
    @inline(__always)
    static func appendPrefix(length: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian) { out.append(contentsOf: $0) }
    }

    /// Appends the field of `value`'s decimal text (its length, then the digits), without making a string of it.
    static func append(decimal value: Int64, to out: inout [UInt8]) {
        appendPrefix(length: DecimalText.count(value), to: &out)
        DecimalText.append(value, to: &out)
    }

    /// Feeds one field to `hasher`: its prefix and bytes, or the absent marker for `nil`.
    @inline(__always)
    static func update(_ hasher: inout SHA256, text: UnsafeRawBufferPointer?) {
        guard let text else {
            absent.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return
        }
        var length = UInt32(truncatingIfNeeded: text.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        if !text.isEmpty { hasher.update(bufferPointer: text) }
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
            var field: [UInt8] = []
            ChainField.append(decimal: windowID, to: &field)
            windowField = field
            seqField.reserveCapacity(24)
        }

        /// The last row's hash.
        var headData: Data { Data(head) }

        /// The hash of row `seq + 1` given its encoded columns from `id` to `raw_json`; the first
        /// row chains from `ledgeredGenesis` (this version always writes under the ledger).
        mutating func hash(next encoded: UnsafeRawBufferPointer) -> SHA256Digest {
            seqField.removeAll(keepingCapacity: true)
            ChainField.append(decimal: seq + 1, to: &seqField)
            var hasher = SHA256()
            if seq == 0 {
                HashChain.ledgeredGenesis.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            } else {
                head.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
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
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(HexDigit.ascii(byte >> 4))
            out.append(HexDigit.ascii(byte))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
