import Crypto
import Foundation

/// SHA-256 of a file, read in blocks.
package enum FileDigest {
    /// The hex digest and the size of the file at `url`.
    package static func sha256(of url: URL) throws -> (hex: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReportError(.io, file: url.lastPathComponent, "cannot be read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
            size += Int64(block.count)
        }
        return (hex(hasher.finalize()), size)
    }

    /// The hex digest of bytes.
    package static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
