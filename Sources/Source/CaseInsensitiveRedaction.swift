import Foundation

/// Replaces every occurrence of any of a list of secrets in a text, ASCII letters matched in
/// either case: an echo that lower- or upper-cased a secret, a token or a base64 value is
/// redacted as surely as an exact one.
///
/// Works on the text's UTF-8 bytes: ASCII case folding keeps every byte where it is, so the
/// matches found in the folded copy are the ranges replaced in the original. Overlapping matches
/// (a Basic value holds the secret) become one marker; nothing is matched inside a marker.
///
/// ```swift
/// CaseInsensitiveRedaction.redact(["Sup3r-Secret"], in: "got SUP3R-SECRET", marker: "[redacted]")  // "got [redacted]"
/// ```
enum CaseInsensitiveRedaction {
    /// `text` with each range matching one of `secrets` (ASCII case ignored) replaced by `marker`.
    static func redact(_ secrets: [String], in text: String, marker: String) -> String {
        let original = Array(text.utf8)
        let folded = original.map(fold)
        var ranges: [Range<Int>] = []
        for secret in secrets {
            let needle = secret.utf8.map(fold)
            ranges += occurrences(of: needle, in: folded)
        }
        guard !ranges.isEmpty else { return text }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(original.count)
        var position = 0
        var index = 0
        while index < ranges.count {
            var covered = ranges[index]
            index += 1
            while index < ranges.count, ranges[index].lowerBound < covered.upperBound {
                covered = covered.lowerBound..<max(covered.upperBound, ranges[index].upperBound)
                index += 1
            }
            out.append(contentsOf: original[position..<covered.lowerBound])
            out.append(contentsOf: marker.utf8)
            position = covered.upperBound
        }
        out.append(contentsOf: original[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Every range where `needle` occurs in `haystack`, overlapping ones included.
    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return [] }
                var found: [Range<Int>] = []
                let last = hay.count - pin.count
                var start = 0
                while start <= last {
                    // The next candidate: memchr finds the first byte far faster than a loop.
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { break }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, pinBase, pin.count) == 0 { found.append(offset..<offset + pin.count) }
                    start = offset + 1
                }
                return found
            }
        }
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
