import Foundation

extension PackVerifier {
    /// The largest manifest, signature or page the verifier reads whole.
    static let largestReadWhole: Int64 = 512 * 1024 * 1024

    /// The bytes of a pack's file when it is a plain file no larger than `largestReadWhole`;
    /// `nil` for anything else (missing, a link, a device such as /dev/zero, a folder), which
    /// is never read.
    static func plainContents(_ url: URL) -> Data? {
        isPlainFile(url) ? FileManager.default.contents(atPath: url.path) : nil
    }

    /// Whether `url` is a plain file (not a link, a device or a folder) of at most `largestReadWhole` bytes.
    static func isPlainFile(_ url: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.int64Value else { return false }
        return size <= largestReadWhole
    }
}
