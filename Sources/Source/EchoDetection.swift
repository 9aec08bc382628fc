import Foundation

/// Tells whether a text still carries a credential however an echo encoded it, by decoding the
/// text rather than by following each spelling: what `EchoRedaction`'s exact splice leaves.
///
/// A server may echo a secret through any of the encodings text goes through on the way:
/// JSON or JavaScript escapes, HTML's named and numeric references, percent-encoding (once or
/// twice), `+` for a space, Unicode in another normal form (NFD, a compatibility form), any
/// letter case, hex (with any separator between its pairs), base64 at any offset of a longer
/// text (wrapped into lines, or of another encoding of the value: UTF-16, JSON, HTML). Following
/// each spelling byte by byte misses the next one; so the text is decoded instead, layer by
/// layer (`EchoDecoding`), each view is put in one canonical form (NFKC, case-folded), and each
/// credential is looked for in that same form, and as the hex and base64 of its bytes (UTF-8
/// or UTF-16); further views take out what encoders put between pieces (whitespace, hex
/// separators) and decode base64 runs, nested up to `maximumNesting` deep (`EchoViews`). A hit
/// withholds the text (`SecretRedactor`): what cannot be cut out exactly is not shown at all.
///
/// The work is bounded: at most `maximumBytes` of a text are looked at, in at most
/// `maximumLayers` layers, and base64 runs decode at four alignments, twice nested at most.
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
    /// Base64 taken off a text, one inside another (`EchoViews.base64Decoded`).
    static let maximumNesting = 2
    /// Bytes of a text looked at: an error text is shown at most `ErrorText.maxLength`
    /// characters long, so what lies beyond is never shown; this bounds the work too.
    static let maximumBytes = 1 << 20

    /// What is looked for in a decoded text, in its canonical form: the values themselves.
    private var values: Set<[UInt8]> = []
    /// The hex of each value's bytes (UTF-8 in each normal form, UTF-16 either way), lower-cased.
    private var hexForms: Set<[UInt8]> = []
    /// The base64 of each value's bytes at each offset (`base64Inner`), lower-cased, either alphabet.
    private var base64Forms: Set<[UInt8]> = []
    /// The bytes of each value as sent, in each normal form, lower- and upper-cased, and in
    /// UTF-16 either way, ASCII letters lower-cased: what decoded base64 may hold.
    private var rawForms: Set<[UInt8]> = []
    /// Whether some value holds a space, so a `+` in a text may stand for one.
    private var hasSpace = false

    /// Looks for `value` too, in every form an echo may carry it.
    mutating func add(_ value: String) {
        let canonical = Self.canonical(Array(value.utf8))
        guard canonical.count >= Self.minimumLength else { return }
        values.insert(canonical)
        hasSpace = hasSpace || value.contains(" ")
        // Kept apart by their bytes: `String`'s equality would take the NFD spelling for the NFC one.
        var texts: [String] = []
        for text in [value, value.precomposedStringWithCanonicalMapping, value.decomposedStringWithCanonicalMapping]
        where !texts.contains(where: { $0.utf8.elementsEqual(text.utf8) }) {
            texts.append(text)
        }
        var spellings = Set(texts.map { Array($0.utf8) })
        for text in texts {
            spellings.insert(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            spellings.insert(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        }
        for bytes in spellings {
            hexForms.insert(Self.lowercasedHex(bytes))
            rawForms.insert(Self.asciiLowercased(bytes))
            for shift in 0..<3 {
                let inner = Self.base64Inner(bytes, shift: shift)
                guard inner.count >= 8 else { continue }
                base64Forms.insert(Self.asciiLowercased(inner))
                base64Forms.insert(Self.asciiLowercased(inner.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }))
            }
        }
        for text in texts where !text.utf8.allSatisfy({ $0 < 0x80 }) {
            rawForms.formUnion([text.lowercased(), text.uppercased()].map { Self.asciiLowercased(Array($0.utf8)) })
        }
    }

    /// Looks for `value`'s UTF-16 bytes alone (either order), among what decoded escapes may
    /// hold: for a value whose other spellings are already found through another (the Basic
    /// value, through the `id:secret` its base64 decodes to), at the cost of two needles.
    mutating func addUTF16(_ value: String) {
        guard value.utf8.count >= Self.minimumLength else { return }
        rawForms.insert(Self.asciiLowercased(value.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        rawForms.insert(Self.asciiLowercased(value.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }))
    }

    /// Whether any decoded view of `text` (its first `maximumBytes`) holds a value looked for.
    func finds(in text: String) -> Bool {
        guard !values.isEmpty else { return false }
        return finds(in: Array(text.utf8.prefix(Self.maximumBytes)), isText: true, nesting: 0)
    }

    // MARK: - Views

    /// Whether `bytes` hold a value in any layer its escapes come off: as text (in canonical
    /// form) or as bytes (what decoded base64 may hold), with or without whitespace; as hex
    /// digits; or, up to `maximumNesting` deep, in what its base64 runs decode to.
    private func finds(in bytes: [UInt8], isText: Bool, nesting: Int) -> Bool {
        var nested: [[UInt8]] = []
        for view in layers(of: bytes) {
            let compact = EchoViews.compacted(view)
            for form in [view, compact].compactMap(\.self) {
                let lowered = Self.asciiLowercased(form)
                if Self.containsAny(lowered, rawForms) || Self.containsAny(lowered, base64Forms) || Self.containsAny(lowered, hexForms) {
                    return true
                }
                guard isText else { continue }
                if form.allSatisfy({ $0 < 0x80 }) {
                    if Self.containsAny(lowered, values) { return true }
                } else {
                    let canonical = Self.canonical(form)
                    if Self.containsAny(canonical, values) || Self.containsAny(canonical, base64Forms) || Self.containsAny(canonical, hexForms) { return true }
                }
            }
            if Self.containsAny(EchoViews.hexDigits(view), hexForms) { return true }
            if nesting < Self.maximumNesting, !nested.contains(compact ?? view) { nested.append(compact ?? view) }
        }
        return nested.contains { view in
            (EchoViews.base64Decoded(view) + EchoViews.hexDecoded(view)).contains { finds(in: $0, isText: false, nesting: nesting + 1) }
        }
    }

    /// `bytes` and each layer its escapes come off (`EchoDecoding`), up to `maximumLayers`; with
    /// a value holding a space, each with `+` read as a space too; each holding `\x` escapes,
    /// with them read as bytes too (a character beyond ASCII written as its UTF-8 bytes).
    private func layers(of bytes: [UInt8]) -> [[UInt8]] {
        var views: [[UInt8]] = []
        var current = bytes
        for _ in 0..<Self.maximumLayers {
            views.append(current)
            let next = EchoDecoding.decoded(current)
            if next == current { break }
            current = next
        }
        if hasSpace {
            views += views.filter { $0.contains(UInt8(ascii: "+")) }.map { EchoDecoding.decoded($0, plusIsSpace: true) }
        }
        for view in views where Self.contains(view, Self.hexEscapeStart) {
            let asBytes = EchoDecoding.decoded(view, hexEscapesAreBytes: true)
            if !views.contains(asBytes) { views.append(asBytes) }
        }
        return views
    }

    /// What starts a `\xHH` escape: a view without it has nothing to read as bytes.
    private static let hexEscapeStart = Array(#"\x"#.utf8)

    // MARK: - Forms

    /// One form for every spelling of the same text: compatibility-composed (NFKC: NFD and
    /// full-width letters alike) and case-folded (upper-cased then lower-cased, so `ß` and `SS`
    /// meet). ASCII is only lower-cased.
    static func canonical(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.allSatisfy({ $0 < 0x80 }) else { return asciiLowercased(bytes) }
        let text = String(decoding: bytes, as: UTF8.self).precomposedStringWithCompatibilityMapping
        return Array(text.uppercased().lowercased().precomposedStringWithCompatibilityMapping.utf8)
    }

    private static func containsAny(_ haystack: [UInt8], _ needles: Set<[UInt8]>) -> Bool {
        needles.contains { contains(haystack, $0) }
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
