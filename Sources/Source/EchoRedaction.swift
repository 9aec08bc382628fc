import Foundation

/// Replaces every occurrence of any of a list of secrets in a text, however an echo spelled it:
/// ASCII letters in either case, and any character of it escaped as URLs, forms, JSON or HTML
/// escape it.
///
/// An echo that lower-cased a token, percent-encoded a secret with `/` left as it was (as many
/// URL encoders do) or JSON-escaped a Basic value is redacted as surely as an exact copy: each
/// byte of a secret matches the same byte in either letter case, `%HH` (hex in either case),
/// `\/`, `\"`, `\\` or `\u00HH`, `&#DD;` or `&#xHH;` — and a space also `+`. Works on the
/// text's UTF-8 bytes; overlapping matches (a Basic value holds the secret) become one marker.
///
/// ```swift
/// EchoRedaction.redact(["Sup3r/Secret"], in: "got sup3r%2fsecret", marker: "[redacted]")  // "got [redacted]"
/// ```
enum EchoRedaction {
    /// `text` with each range spelling one of `secrets` replaced by `marker`.
    static func redact(_ secrets: [String], in text: String, marker: String) -> String {
        let original = Array(text.utf8)
        let needles = secrets.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var ranges = original.withUnsafeBufferPointer { haystack in
            needles.flatMap { occurrences(of: $0, in: haystack) }
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

    // MARK: - Matching

    /// Every range of `haystack` that spells `needle`, overlapping ones included.
    private static func occurrences(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // Where a match can begin: the first byte in either case, or the start of an escape.
        var starts = [Bool](repeating: false, count: 256)
        for byte in [needle[0], fold(needle[0]), upper(needle[0]), UInt8(ascii: "%"), UInt8(ascii: "\\"), UInt8(ascii: "&")] {
            starts[Int(byte)] = true
        }
        if needle[0] == UInt8(ascii: " ") { starts[Int(UInt8(ascii: "+"))] = true }
        var found: [Range<Int>] = []
        var start = 0
        while start < haystack.count {
            if starts[Int(haystack[start])], let length = matchLength(of: needle, at: start, in: haystack) {
                found.append(start..<start + length)
            }
            start += 1
        }
        return found
    }

    /// How many bytes from `start` spell `needle`, or nil when they do not.
    private static func matchLength(of needle: [UInt8], at start: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = start
        for byte in needle {
            guard index < haystack.count else { return nil }
            if fold(haystack[index]) == fold(byte) {
                index += 1
            } else if let length = escapeLength(of: byte, at: index, in: haystack) {
                index += length
            } else {
                return nil
            }
        }
        return index - start
    }

    /// The length of an escape of `byte` at `index` (`%2F`, `\/`, `\u002f`, `&#47;`, `&#x2F;`, `+` for a space), or nil.
    private static func escapeLength(of byte: UInt8, at index: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let remaining = haystack.count - index
        switch haystack[index] {
        case UInt8(ascii: "%"):
            guard remaining >= 3, let high = hex(haystack[index + 1]), let low = hex(haystack[index + 2]), high << 4 | low == byte else { return nil }
            return 3
        case UInt8(ascii: "+"):
            return byte == UInt8(ascii: " ") ? 1 : nil
        case UInt8(ascii: "\\"):
            guard remaining >= 2 else { return nil }
            let next = haystack[index + 1]
            if next == byte, byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return 2 }
            guard next == UInt8(ascii: "u"), byte < 0x80, remaining >= 6 else { return nil }
            var value: UInt32 = 0
            for offset in 2..<6 {
                guard let digit = hex(haystack[index + offset]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value == UInt32(byte) ? 6 : nil
        case UInt8(ascii: "&"):
            return numericEntityLength(of: byte, at: index, in: haystack)
        default:
            return nil
        }
    }

    /// `&#47;`, `&#x2F;` or `&#x00002F;` (`EchoDecoding.numericReference`) naming `byte`, an ASCII character: its length, or nil.
    private static func numericEntityLength(of byte: UInt8, at index: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard byte < 0x80, let reference = EchoDecoding.numericReference(haystack, at: index), reference.terminated,
              reference.value == UInt32(byte) else { return nil }
        return reference.end - index
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        byte >= 97 && byte <= 122 ? byte - 32 : byte
    }
}
