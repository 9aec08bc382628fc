import Foundation

/// Further views of a decoded text, for `EchoDetection`: the same text with what an encoder
/// puts between the pieces of an encoded value taken out, and the bytes its base64 runs decode to.
///
/// - `compacted`: without white space (any Unicode `White_Space`), so base64 wrapped every
///   76 characters (MIME, PEM), or a value split by a no-break space, reads as one run.
/// - `hexDigits`: only the hex digits, `0x` prefixes dropped, so hex bytes written with any
///   separator (`5A:71`, `5a 71`, `5a-71`, `0x5a, 0x71`) read as one run; `hexDecoded`, the
///   bytes those digits spell, looked into like decoded base64 (hex of a value's base64).
/// - `base64Decoded`: each run of base64 characters (standard or URL-safe, at least
///   `minimumRun` long), decoded at each of its four alignments, so a value base64 encoded
///   inside a longer text, or under another encoding (base64 of JSON, of HTML, of UTF-16), is
///   looked for in the bytes it encodes. Only what decodes to text-like bytes is kept
///   (`looksLikeText`).
///
/// ```swift
/// EchoViews.hexDigits(Array("id 5A:71:38".utf8))  // the bytes of "d5a7138"
/// ```
enum EchoViews {
    /// The shortest run of base64 characters decoded: 9 bytes encoded.
    static let minimumRun = 12

    /// `bytes` without white space — every Unicode `White_Space` character: spaces, tabs, line
    /// and paragraph breaks, VT, FF, NEL, no-break spaces — nil when it has none.
    static func compacted(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
            guard scalars.contains(where: \.properties.isWhitespace) else { return nil }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars.filter { !$0.properties.isWhitespace })
            return Array(String(kept).utf8)
        }
        guard bytes.contains(where: isSpace) else { return nil }
        return bytes.filter { !isSpace($0) }
    }

    /// The bytes each run of at least `2 × minimumRun` hex digits in `bytes` spells, read from
    /// its first digit and from its second: a value hex encoded after another encoding (hex of
    /// its base64) is then looked for in what the hex holds. Only unbroken runs are read (white
    /// space is already out of a `compacted` view), so the hex letters scattered through base64
    /// or words add nothing.
    static func hexDecoded(_ bytes: [UInt8]) -> [[UInt8]] {
        func value(_ digit: UInt8) -> UInt8 { digit <= 57 ? digit - 48 : (digit | 0x20) - 87 }
        var decoded: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            guard isHex(bytes[start]) else { start += 1; continue }
            var end = start
            while end < bytes.count, isHex(bytes[end]) { end += 1 }
            if end - start >= 2 * minimumRun {
                for first in [start, start + 1] {
                    decoded.append(stride(from: first, to: end - 1, by: 2).map { value(bytes[$0]) << 4 | value(bytes[$0 + 1]) })
                }
            }
            start = end
        }
        return decoded
    }

    /// The hex digits of `bytes` in order, lower-cased, with the `0x` (or `0X`) before a digit dropped.
    static func hexDigits(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "0"), index + 2 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x"), isHex(bytes[index + 2]) {
                index += 2
                continue
            }
            if isHex(byte) { out.append(byte | (byte >= 65 ? 0x20 : 0)) }
            index += 1
        }
        return out
    }

    /// What each base64 run of `bytes` (at least `minimumRun` characters; `=` ends one) decodes
    /// to, at each of its four alignments, where that looks like text: one array for each
    /// alignment, runs joined by a zero byte. (Unsafe buffers: this runs over up to a megabyte,
    /// four times, and must stay quick in a debug build too.)
    static func base64Decoded(_ bytes: [UInt8]) -> [[UInt8]] {
        var decoded = [[UInt8]](repeating: [], count: 4)
        var sextets: [UInt8] = []
        bytes.withUnsafeBufferPointer { input in
            var index = 0
            while index <= input.count {
                let value = index < input.count ? sextetTable[Int(input[index])] : notBase64
                if value != notBase64 {
                    sextets.append(value)
                } else {
                    if sextets.count >= minimumRun {
                        for alignment in 0..<4 {
                            let run = decode(sextets, from: alignment)
                            if looksLikeText(run) { decoded[alignment] += run + [0] }
                        }
                    }
                    sextets.removeAll(keepingCapacity: true)
                }
                index += 1
            }
        }
        return decoded.filter { !$0.isEmpty }
    }

    /// The bytes the sextets from `start` on encode; a last group of two or three (its padding
    /// left off) gives its one or two whole bytes.
    private static func decode(_ sextets: [UInt8], from start: Int) -> [UInt8] {
        let count = sextets.count - start
        let whole = count / 4
        let tail = count % 4
        var out = [UInt8](repeating: 0, count: whole * 3 + max(tail - 1, 0))
        sextets.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                var position = start
                var written = 0
                for _ in 0..<whole {
                    let group = UInt32(input[position]) << 18 | UInt32(input[position + 1]) << 12 | UInt32(input[position + 2]) << 6 | UInt32(input[position + 3])
                    output[written] = UInt8(group >> 16)
                    output[written + 1] = UInt8(group >> 8 & 0xFF)
                    output[written + 2] = UInt8(group & 0xFF)
                    position += 4
                    written += 3
                }
                if tail >= 2 { output[written] = input[position] << 2 | input[position + 1] >> 4 }
                if tail == 3 { output[written + 1] = input[position + 1] << 4 | input[position + 2] >> 2 }
            }
        }
        return out
    }

    /// Whether at least half of `bytes` are printable ASCII, whitespace or NUL (UTF-16 of ASCII
    /// text is half NULs): what base64 of text decodes to at its own alignment, and what the
    /// other alignments, or base64 of binary data, seldom do (about 40% of random bytes are).
    /// The rest is not looked into further, which keeps a megabyte of base64 cheap.
    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var textual = 0
            for byte in buffer where (byte >= 0x20 && byte <= 0x7E) || byte == 0 || byte == 0x09 || byte == 0x0A || byte == 0x0D { textual += 1 }
            return textual * 2 >= buffer.count
        }
    }

    private static let notBase64: UInt8 = 0xFF

    /// The six bits each base64 character stands for, in either alphabet (`+/` or `-_`); `notBase64` for any other byte.
    private static let sextetTable: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 65...90: UInt8(byte - 65)
        case 97...122: UInt8(byte - 71)
        case 48...57: UInt8(byte + 4)
        case 43, 45: 62
        case 47, 95: 63
        default: notBase64
        }
    }

    /// ASCII white space: space, tab, line feed, VT, FF, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }
}
