import Crypto
import PartnerAuditCore

/// The stable id of a gateway line's event: `gateway:`, the request's time (12 hex digits of its
/// epoch milliseconds) and 20 hex digits of a SHA-256.
///
/// The time comes first so that ids grow with time as a log's lines do: each batch's inserts
/// into `event_log`'s id index land at its end instead of on pages all over it (with a digest
/// alone, a batch of 4,000 lines rewrote some 3,000 index pages, and ingest was bound by that).
///
/// With a request id, the digest covers the request itself (request id, time, client, address,
/// method, path, status), so the same request logged in two files is stored once, while a client
/// that repeats a request id it chose is not folded into one request. Without, it covers the
/// file's identity, the line's number and its bytes: reading the file again, or its rotated or
/// compressed copy, gives the same ids, and a file rewritten from its start gives new ones.
struct GatewayLineID {
    /// The bytes hashed for the last id, kept so that each line's id allocates nothing but its text.
    private var hashed: [UInt8] = []

    /// The id of `request`, read as line `number` of the file `identity` names, whose bytes are `bytes`.
    mutating func id(_ request: GatewayRequest, identity: String, line number: Int64, bytes: UnsafeBufferPointer<UInt8>) -> String {
        hashed.removeAll(keepingCapacity: true)
        if let requestID = request.requestID {
            part("request")
            part(requestID)
            part(request.timestampMillis)
            part(request.clientID)
            part(request.sourceIP)
            part(request.method)
            part(request.path)
            part(Int64(request.status))
        } else {
            part("line")
            part(identity)
            part(number)
            hashed.append(contentsOf: bytes)
        }
        var hasher = SHA256()
        hashed.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: GatewayRequest.eventIDPrefix.utf8.count + 32) { text in
            var count = 0
            for byte in GatewayRequest.eventIDPrefix.utf8 {
                text[count] = byte
                count += 1
            }
            for shift in stride(from: 44, through: 0, by: -4) {
                text[count] = HexDigit.ascii(UInt8(truncatingIfNeeded: request.timestampMillis >> Int64(shift)))
                count += 1
            }
            digest.withUnsafeBytes { digest in
                for byte in digest.prefix(10) {
                    text[count] = HexDigit.ascii(byte >> 4)
                    text[count + 1] = HexDigit.ascii(byte)
                    count += 2
                }
            }
            return count
        }
    }

    /// A text part: its bytes and a NUL.
    private mutating func part(_ text: String) {
        hashed.appendUTF8(of: text)
        hashed.append(0)
    }

    /// A number part: its decimal text and a NUL.
    private mutating func part(_ number: Int64) {
        DecimalText.append(number, to: &hashed)
        hashed.append(0)
    }
}
