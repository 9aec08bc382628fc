/// The signed path token of a redirected results page: `GET /downloads/{token}` serves that one page.
///
/// `base64url(transactionId:offset:pageSize)` then `.` and a signature keyed by the seed, so
/// the token alone authorises the download and cannot be altered to reach another page.
struct DownloadToken: Sendable, Hashable {
    let transactionID: String
    let offset: Int
    let pageSize: Int

    /// The token text, signed with `seed`.
    func text(seed: UInt64) -> String {
        let payload = Base64URL.encode("\(transactionID):\(offset):\(pageSize)")
        return payload + "." + Self.signature(payload, seed: seed)
    }

    /// Reads a token; `nil` when it is malformed or its signature is wrong.
    init?(text: String, seed: UInt64) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[1] == Self.signature(parts[0], seed: seed), let decoded = Base64URL.decode(parts[0]) else {
            return nil
        }
        let fields = decoded.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3, let offset = Int(fields[1]), let pageSize = Int(fields[2]) else { return nil }
        self.init(transactionID: fields[0], offset: offset, pageSize: pageSize)
    }

    init(transactionID: String, offset: Int, pageSize: Int) {
        self.transactionID = transactionID
        self.offset = offset
        self.pageSize = pageSize
    }

    private static func signature(_ payload: String, seed: UInt64) -> String {
        let first = SeededHash.hash(seed, 100, SeededHash.text(payload))
        let second = SeededHash.hash(seed, 101, first)
        return String(first, radix: 16) + String(second, radix: 16)
    }
}
