import Crypto
import Foundation

/// A minisign public key: `untrusted comment: minisign public key ID`, then base64 of
/// `Ed` + the 8-byte key id + the 32-byte Ed25519 key.
package struct PublicSigningKey: Sendable, Equatable {
    package let keyID: [UInt8]
    let key: [UInt8]

    /// The public key file's text, as minisign writes one.
    package var fileText: String {
        "untrusted comment: minisign public key \(Self.idText(keyID))\n"
            + Data(SigningKey.algorithm + keyID + key).base64EncodedString() + "\n"
    }

    /// Reads a minisign public key file.
    package static func load(_ path: String) throws(SigningError) -> PublicSigningKey {
        guard let data = FileManager.default.contents(atPath: path) else { throw SigningError("the public key \(path) cannot be read") }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.count >= 2, let bytes = Data(base64Encoded: String(lines[1])).map(Array.init), bytes.count == 42,
              Array(bytes[0..<2]) == SigningKey.algorithm else {
            throw SigningError("\(path) is not a minisign Ed25519 public key")
        }
        return PublicSigningKey(keyID: Array(bytes[2..<10]), key: Array(bytes[10..<42]))
    }

    /// Why `signatureText` (a .minisig file) is not this key's signature of `message`, or `nil`
    /// when it is — both the signature and the one over its trusted comment.
    package func problem(verifying signatureText: String, of message: Data) -> String? {
        let lines = signatureText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines[2].hasPrefix("trusted comment: "),
              let signed = Data(base64Encoded: lines[1]).map(Array.init), signed.count == 74,
              let global = Data(base64Encoded: lines[3]), global.count == 64 else {
            return "not a minisign signature"
        }
        guard Array(signed[0..<2]) == SigningKey.algorithm else { return "not a legacy Ed25519 (Ed) minisign signature" }
        guard Array(signed[2..<10]) == keyID else {
            return "signed by key \(Self.idText(Array(signed[2..<10]))), not by this public key \(Self.idText(keyID))"
        }
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { return "the public key is not an Ed25519 key" }
        let signature = Array(signed[10..<74])
        guard publicKey.isValidSignature(signature, for: message) else { return "the signature does not match manifest.json" }
        let comment = Array(lines[2].dropFirst("trusted comment: ".count).utf8)
        guard publicKey.isValidSignature(global, for: Data(signature + comment)) else { return "the trusted comment's signature does not match" }
        return nil
    }

    /// A key id as minisign prints it: the bytes read as a little-endian integer, upper-case hex.
    static func idText(_ id: [UInt8]) -> String {
        id.reversed().map { String(format: "%02X", $0) }.joined()
    }
}
