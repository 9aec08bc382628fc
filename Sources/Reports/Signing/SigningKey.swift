import Crypto
import Foundation

/// An Ed25519 key pair for signing packs (`partner-audit keygen`), its public half in
/// minisign's format so an auditor checks a pack with `minisign -Vm manifest.json -p KEY.pub`.
///
/// The private key file is ours (minisign's own is encrypted with a passphrase, which a
/// nightly job cannot type): an untrusted-comment line, then base64 of `Ed` + key id + the
/// 32-byte seed. It is written mode 0600 and refused when group or others can read it.
package struct SigningKey: Sendable {
    /// minisign's signature algorithm tag: Ed25519 over the message itself.
    static let algorithm = Array("Ed".utf8)

    /// Eight bytes naming the key in its signatures (minisign's key id).
    package let keyID: [UInt8]
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key pair.
    package static func generate() -> SigningKey {
        SigningKey(keyID: (0..<8).map { _ in UInt8.random(in: 0...255) }, privateKey: Curve25519.Signing.PrivateKey())
    }

    init(keyID: [UInt8], privateKey: Curve25519.Signing.PrivateKey) {
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// The key id as minisign prints it: the eight bytes read as a little-endian integer, in hex.
    package var keyIDText: String { PublicSigningKey.idText(keyID) }

    /// The public half.
    package var publicKey: PublicSigningKey {
        PublicSigningKey(keyID: keyID, key: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The private key file's text.
    package var fileText: String {
        "untrusted comment: partner-audit pack signing key \(keyIDText) (Ed25519); keep it secret\n"
            + Data(Self.algorithm + keyID + Array(privateKey.rawRepresentation)).base64EncodedString() + "\n"
    }

    /// Reads a private key file; refuses one group or others can read.
    package static func load(_ path: String) throws(SigningError) -> SigningKey {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw SigningError("the signing key \(path) cannot be read")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw SigningError("the signing key \(path) has mode \(String(mode, radix: 8)); refusing it: run `chmod 600 \(path)`")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.count >= 2, let bytes = Data(base64Encoded: String(lines[1])).map(Array.init), bytes.count == 42,
              Array(bytes[0..<2]) == algorithm, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes[10..<42]) else {
            throw SigningError("the signing key \(path) is not a partner-audit Ed25519 key (make one with `partner-audit keygen`)")
        }
        return SigningKey(keyID: Array(bytes[2..<10]), privateKey: key)
    }

    /// minisign's signature file of `message` (the legacy, non-prehashed form, which every
    /// minisign verifies): the signature, a trusted comment, and the signature over both.
    package func minisignature(of message: Data, trustedComment: String) throws -> String {
        let signature = Array(try privateKey.signature(for: message))
        let global = Array(try privateKey.signature(for: Data(signature + Array(trustedComment.utf8))))
        return """
            untrusted comment: signature from partner-audit key \(keyIDText)
            \(Data(Self.algorithm + keyID + signature).base64EncodedString())
            trusted comment: \(trustedComment)
            \(Data(global).base64EncodedString())

            """
    }
}

/// A problem with a signing key, a public key or a signature: says which file and why.
package struct SigningError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
