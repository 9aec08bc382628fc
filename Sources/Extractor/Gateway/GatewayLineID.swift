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
enum GatewayLineID {
    private static let hex = Array("0123456789abcdef".utf8)

    static func of(_ request: GatewayRequest, identity: String, line number: Int64, bytes: ArraySlice<UInt8>) -> String {
        var hashed: [UInt8] = []
        hashed.reserveCapacity(160 + request.path.utf8.count)
        func part(_ text: String) {
            hashed.append(contentsOf: text.utf8)
            hashed.append(0)
        }
        if let requestID = request.requestID {
            for text in ["request", requestID, String(request.timestampMillis), request.clientID, request.sourceIP, request.method, request.path, String(request.status)] {
                part(text)
            }
        } else {
            for text in ["line", identity, String(number)] { part(text) }
            hashed.append(contentsOf: bytes)
        }
        let digest = SHA256.hash(data: hashed)
        var text = [UInt8](GatewayRequest.eventIDPrefix.utf8)
        for shift in stride(from: 44, through: 0, by: -4) {
            text.append(hex[Int(request.timestampMillis >> Int64(shift) & 0xF)])
        }
        for byte in digest.prefix(10) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
