import Crypto

/// A file's identity: the SHA-256 (hex) of its content's first line, up to `prefixLength` bytes.
///
/// The content, not the path or the inode, so `access.log` → `access.log.1` → `access.log.2.gz`
/// is one file read on from where it stood; a file truncated or replaced under the same path has
/// another first line and is a new file. Two files whose first lines are byte for byte the same
/// are one file: the same requests, logged twice.
enum GatewayFileIdentity {
    static let prefixLength = 8192

    /// The identity of content starting with `head`, or `nil` while it cannot yet be told: no
    /// complete first line and fewer than `prefixLength` bytes (unless `final`: the content will not grow).
    static func of(head: ArraySlice<UInt8>, final: Bool) -> String? {
        let end: Int
        if let newline = head.prefix(prefixLength).firstIndex(of: 10) {
            end = newline + 1
        } else if head.count >= prefixLength {
            end = head.startIndex + prefixLength
        } else if final, !head.isEmpty {
            end = head.endIndex
        } else {
            return nil
        }
        return SHA256.hash(data: head[head.startIndex..<end]).map { String(format: "%02x", $0) }.joined()
    }
}
