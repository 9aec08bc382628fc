import Crypto
import Foundation

/// Name-based UUIDs (RFC 4122 version 5) for assessment-results.json: the same key gives the
/// same UUID, so the same warehouse and command give the same document apart from its timestamps.
///
/// ```swift
/// OSCALUUID.named("finding", organization, period.name, finding.fingerprint)   // "8f0c…-5…-[89ab]…"
/// ```
/// Version 5 is SHA-1 over a namespace and a name, as the RFC defines it (OSCAL accepts only
/// versions 4 and 5). SHA-1 serves here only to spread stable keys over 122 bits, never to
/// vouch for content: the files are vouched for by SHA-256 in the back-matter and the manifest.
enum OSCALUUID {
    /// RFC 4122's namespace for URLs and other URIs.
    private static let uriNamespace: [UInt8] = [0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]
    /// PartnerAudit's own namespace: the version 5 UUID of `urn:partner-audit:oscal`.
    static let namespace = bytes(namespace: uriNamespace, name: "urn:partner-audit:oscal")

    /// The UUID of a key made of `parts` (joined with a line feed, so no two keys collide by concatenation).
    static func named(_ parts: String...) -> String {
        text(bytes(namespace: namespace, name: parts.joined(separator: "\n")))
    }

    /// The RFC's algorithm: SHA-1 of namespace and name, first 16 bytes, version 5 and the RFC 4122 variant set.
    static func bytes(namespace: [UInt8], name: String) -> [UInt8] {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Data(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }

    /// The canonical lower-case text, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    static func text(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { String(format: "%02x", $0) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }
}
