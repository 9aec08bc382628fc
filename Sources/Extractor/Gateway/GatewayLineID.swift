import Crypto
import PartnerAuditCore

/// The stable id of a gateway line's event: `gateway:` and 32 hex digits of a SHA-256.
///
/// With a request id, the digest covers the request itself (request id, time, client, address,
/// method, path, status), so the same request logged in two files is stored once, while a client
/// that repeats a request id it chose is not folded into one request. Without, it covers the
/// file's identity, the line's number and its bytes: reading the file again, or its rotated or
/// compressed copy, gives the same ids, and a file rewritten from its start gives new ones.
enum GatewayLineID {
    static func of(_ request: GatewayRequest, identity: String, line number: Int64, bytes: ArraySlice<UInt8>) -> String {
        var hasher = SHA256()
        if let requestID = request.requestID {
            for part in ["request", requestID, String(request.timestampMillis), request.clientID, request.sourceIP, request.method, request.path, String(request.status)] {
                hasher.update(data: Array(part.utf8))
                hasher.update(data: [0])
            }
        } else {
            hasher.update(data: Array("line\u{0}\(identity)\u{0}\(number)\u{0}".utf8))
            bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        let digest = hasher.finalize()
        var text = GatewayRequest.eventIDPrefix
        let hex = Array("0123456789abcdef".utf8)
        for byte in digest.prefix(16) {
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
        }
        return text
    }
}
