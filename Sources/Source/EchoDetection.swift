import Foundation

/// Tells whether a text still carries a credential however an echo encoded it, by decoding the
/// text rather than by following each spelling: what `EchoRedaction`'s exact splice leaves.
///
/// A server may echo a secret through any of the encodings text goes through on the way:
/// JSON or JavaScript escapes, HTML's named and numeric references, percent-encoding (once or
/// twice), `+` for a space, Unicode in another normal form (NFD, a compatibility form), any
/// letter case, hex, base64 at any offset of a longer text. Following each spelling byte by
/// byte misses the next one; so the text is decoded instead, layer by layer (`EchoDecoding`),
/// each view is put in one canonical form (NFKC, case-folded), and each credential is looked
/// for in that same form, and as the hex and base64 of its bytes. A hit withholds the text
/// (`SecretRedactor`): what cannot be cut out exactly is not shown at all.
///
/// A value shorter than `minimumLength` bytes is not looked for: its canonical form would occur
/// in ordinary text. The exact splice still redacts it.
///
/// ```swift
/// var detection = EchoDetection()
/// detection.add("Sécret<&>-42")
/// detection.finds(in: "you sent se\u{301}cret&lt;&amp;&gt;-42")  // true
/// ```
struct EchoDetection: Sendable {
    /// Bytes a value needs to be looked for.
    static let minimumLength = 6
    /// Layers of escapes taken off a text (`%252F` is two).
    static let maximumLayers = 4

    /// What is looked for, each in the canonical form of the views: the values themselves, and
    /// the hex and base64 of their bytes.
    private var needles: Set<[UInt8]> = []
    /// Whether some value holds a space, so a `+` in a text may stand for one.
    private var hasSpace = false

    /// Looks for `value` too, in every form an echo may carry it.
    mutating func add(_ value: String) {
        let canonical = Self.canonical(Array(value.utf8))
        guard canonical.count >= Self.minimumLength else { return }
        needles.insert(canonical)
        hasSpace = hasSpace || value.contains(" ")
        let spellings = Set([value, value.precomposedStringWithCanonicalMapping, value.decomposedStringWithCanonicalMapping].map { Array($0.utf8) })
        for bytes in spellings {
            needles.insert(Self.lowercasedHex(bytes))
            for shift in 0..<3 {
                let inner = Self.base64Inner(bytes, shift: shift)
                guard inner.count >= 8 else { continue }
                needles.insert(Self.asciiLowercased(inner))
                needles.insert(Self.asciiLowercased(inner.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }))
            }
        }
    }

    /// Whether any decoded view of `text` holds a value looked for.
    func finds(in text: String) -> Bool {
        guard !needles.isEmpty else { return false }
        var views: [[UInt8]] = []
        var current = Array(text.utf8)
        for _ in 0..<Self.maximumLayers {
            views.append(current)
            let next = EchoDecoding.decoded(current)
            if next == current { break }
            current = next
        }
        if hasSpace {
            views += views.filter { $0.contains(UInt8(ascii: "+")) }.map { EchoDecoding.decoded($0, plusIsSpace: true) }
        }
        return views.contains { view in
            let canonical = Self.canonical(view)
            return needles.contains { Self.contains(canonical, $0) }
        }
    }

    // MARK: - Forms

    /// One form for every spelling of the same text: compatibility-composed (NFKC: NFD and
    /// full-width letters alike) and case-folded (upper-cased then lower-cased, so `ß` and `SS`
    /// meet). ASCII is only lower-cased.
    static func canonical(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.allSatisfy({ $0 < 0x80 }) else { return asciiLowercased(bytes) }
        let text = String(decoding: bytes, as: UTF8.self).precomposedStringWithCompatibilityMapping
        return Array(text.uppercased().lowercased().precomposedStringWithCompatibilityMapping.utf8)
    }

    private static func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }

    private static func lowercasedHex(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }
    }

    /// The base64 characters every encoding of a text holding `bytes` at an offset of `shift`
    /// (mod 3) has: those of its groups that no neighbouring byte touches.
    static func base64Inner(_ bytes: [UInt8], shift: Int) -> [UInt8] {
        let total = shift + bytes.count
        let encoded = Array((Data(repeating: 0, count: shift) + Data(bytes)).base64EncodedString().utf8.filter { $0 != UInt8(ascii: "=") })
        let leading = shift == 0 ? 0 : shift + 1
        let trailing = total % 3 == 0 ? 0 : 1
        guard encoded.count > leading + trailing else { return [] }
        return Array(encoded[leading..<(encoded.count - trailing)])
    }

    /// Whether `needle` occurs in `haystack`: `memchr` finds each candidate first byte, `memcmp`
    /// checks it, so a megabyte body costs little even in a debug build.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { part in
                guard let base = text.baseAddress, let wanted = part.baseAddress else { return false }
                let lastStart = text.count - part.count
                var offset = 0
                while offset <= lastStart, let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) {
                    let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + start, wanted, part.count) == 0 { return true }
                    offset = start + 1
                }
                return false
            }
        }
    }
}
