/// Undoes one layer of the escapes a server may write a text in, so an echo can be compared
/// with what was sent: JSON and JavaScript (`\u00e9`, surrogate pairs, `\/`, `\"`, `\x41`, and the
/// braced `\u{e9}` of JavaScript, Swift, Rust and PHP, Ruby's `\u{ 63 61 66 e9 }`, Perl's `\x{e9}`),
/// HTML character references (`&#233;`, `&#xE9;`, `&eacute;`, `&amp;`, `&lt;`) and
/// percent-encoding (`%C3%A9`, hex in either case), on the text's UTF-8 bytes.
///
/// A sequence that is not a well-formed escape is kept as it is. Layers (`%252F`,
/// `&amp;lt;`) come off one call at a time.
///
/// ```swift
/// EchoDecoding.decoded(Array(#"caf\u00e9 &amp; caf&#xE9; %2F"#.utf8))  // the bytes of "café & café /"
/// ```
enum EchoDecoding {
    /// `bytes` with one layer of escapes undone; with `plusIsSpace`, `+` is also read as a
    /// space, as HTML forms write one; with `hexEscapesAreBytes`, `\xHH` is the byte HH (as
    /// Python's `bytes`, C, Go and PHP mean it: `\xc3\xa9` is `é`) rather than the character
    /// U+00HH (as JavaScript means it: `\xe9` is `é`).
    static func decoded(_ bytes: [UInt8], plusIsSpace: Bool = false, hexEscapesAreBytes: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let escape: (text: [UInt8], length: Int)? = switch byte {
            case UInt8(ascii: "\\"): backslashEscape(bytes, at: index, hexEscapesAreBytes: hexEscapesAreBytes)
            case UInt8(ascii: "&"): characterReference(bytes, at: index)
            case UInt8(ascii: "%"): percentEscape(bytes, at: index)
            case UInt8(ascii: "+") where plusIsSpace: ([UInt8(ascii: " ")], 1)
            default: nil
            }
            if let escape {
                out += escape.text
                index += escape.length
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    // MARK: - JSON and JavaScript

    /// `\uXXXX` (a surrogate pair as one character), `\xHH`, `\u{…}` or `\x{…}`, or a one-letter escape.
    private static func backslashEscape(_ bytes: [UInt8], at index: Int, hexEscapesAreBytes: Bool) -> (text: [UInt8], length: Int)? {
        guard index + 1 < bytes.count else { return nil }
        switch bytes[index + 1] {
        case UInt8(ascii: "u") where index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{"),
             UInt8(ascii: "x") where index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{"):
            return bracedText(bytes, from: index + 3).map { ($0.text, $0.end - index) }
        case UInt8(ascii: "u"):
            guard let high = hexValue(bytes, from: index + 2, digits: 4) else { return nil }
            if (0xD800..<0xDC00).contains(high), index + 11 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
               let low = hexValue(bytes, from: index + 8, digits: 4), (0xDC00..<0xE000).contains(low) {
                return utf8(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).map { ($0, 12) }
            }
            return utf8(high).map { ($0, 6) }
        case UInt8(ascii: "x"):
            guard let value = hexValue(bytes, from: index + 2, digits: 2) else { return nil }
            return hexEscapesAreBytes ? ([UInt8(value)], 4) : utf8(value).map { ($0, 4) }
        case UInt8(ascii: "n"): return ([0x0A], 2)
        case UInt8(ascii: "t"): return ([0x09], 2)
        case UInt8(ascii: "r"): return ([0x0D], 2)
        case UInt8(ascii: "b"): return ([0x08], 2)
        case UInt8(ascii: "f"): return ([0x0C], 2)
        case UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): return ([bytes[index + 1]], 2)
        default: return nil
        }
    }

    /// The text of a braced escape whose content starts at `start` (`e9}` of `\u{e9}`) and where
    /// it ends, past its `}`: code points in hex, leading zeros skipped however many, at most six
    /// digits after them, one or several separated by white space, with white space before the
    /// first and after the last too (Ruby's `\u{ 63\t61 66 }`).
    private static func bracedText(_ bytes: [UInt8], from start: Int) -> (text: [UInt8], end: Int)? {
        var text: [UInt8] = []
        var position = start
        while position < bytes.count, EchoViews.isSpace(bytes[position]) { position += 1 }
        while true {
            let first = position
            while position < bytes.count, bytes[position] == UInt8(ascii: "0") { position += 1 }
            let hasZeros = position > first
            var value: UInt32 = 0
            var digits = 0
            while position < bytes.count, digits < 6, let digit = hexDigit(bytes[position]) {
                value = value << 4 | digit
                digits += 1
                position += 1
            }
            guard digits > 0 || hasZeros, let scalar = utf8(value) else { return nil }
            text += scalar
            let digitsEnd = position
            while position < bytes.count, EchoViews.isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "}") { return (text, position + 1) }
            guard position > digitsEnd else { return nil }
        }
    }

    // MARK: - HTML

    /// `&#233;`, `&#xE9;`, `&#x000000E9;` (the `;` optional, as browsers read them) or a named reference.
    private static func characterReference(_ bytes: [UInt8], at index: Int) -> (text: [UInt8], length: Int)? {
        guard index + 2 < bytes.count else { return nil }
        if bytes[index + 1] == UInt8(ascii: "#") {
            guard let reference = numericReference(bytes, at: index), let text = utf8(reference.value) else { return nil }
            return (text, reference.end - index)
        }
        var end = index + 1
        while end < bytes.count, end - index <= HTMLEntities.longestName, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > index + 1 else { return nil }
        let name = Substring(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        if end < bytes.count, bytes[end] == UInt8(ascii: ";"), let value = HTMLEntities.value(of: name) {
            return (Array(value.utf8), end + 1 - index)
        }
        if HTMLEntities.isLegacy(name), let value = HTMLEntities.value(of: name) {
            return (Array(value.utf8), end - index)
        }
        return nil
    }

    /// The numeric reference at `index` (`&#233;`, `&#xE9;`): its value, where it ends (past its `;`
    /// when it has one) and whether it has one. Leading zeros are skipped, however many (browsers
    /// read `&#x000000005A;` as `Z`); at most 8 digits follow them.
    static func numericReference<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> (value: UInt32, end: Int, terminated: Bool)?
    where Bytes.Index == Int {
        guard index + 2 < bytes.endIndex, bytes[index] == UInt8(ascii: "&"), bytes[index + 1] == UInt8(ascii: "#") else { return nil }
        var position = index + 2
        let isHex = bytes[position] == UInt8(ascii: "x") || bytes[position] == UInt8(ascii: "X")
        if isHex { position += 1 }
        let first = position
        while position < bytes.endIndex, bytes[position] == UInt8(ascii: "0") { position += 1 }
        let hasZeros = position > first
        var value: UInt32 = 0
        var digits = 0
        while position < bytes.endIndex, digits < 8, let digit = isHex ? hexDigit(bytes[position]) : decimalDigit(bytes[position]) {
            value = value * (isHex ? 16 : 10) + digit
            digits += 1
            position += 1
        }
        guard digits > 0 || hasZeros else { return nil }
        let terminated = position < bytes.endIndex && bytes[position] == UInt8(ascii: ";")
        return (value, terminated ? position + 1 : position, terminated)
    }

    // MARK: - URLs

    /// `%HH`: the byte itself (a character beyond ASCII is several of them).
    private static func percentEscape(_ bytes: [UInt8], at index: Int) -> (text: [UInt8], length: Int)? {
        hexValue(bytes, from: index + 1, digits: 2).map { ([UInt8($0)], 3) }
    }

    // MARK: - Digits

    private static func hexValue(_ bytes: [UInt8], from start: Int, digits: Int) -> UInt32? {
        guard start + digits <= bytes.count else { return nil }
        var value: UInt32 = 0
        for position in start..<(start + digits) {
            guard let digit = hexDigit(bytes[position]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: UInt32(byte - 48)
        case 65...70: UInt32(byte - 55)
        case 97...102: UInt32(byte - 87)
        default: nil
        }
    }

    private static func decimalDigit(_ byte: UInt8) -> UInt32? {
        byte >= 48 && byte <= 57 ? UInt32(byte - 48) : nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }

    /// The UTF-8 of a code point, or nil for a surrogate or a value beyond Unicode.
    private static func utf8(_ value: UInt32) -> [UInt8]? {
        Unicode.Scalar(value).map { Array(String(Character($0)).utf8) }
    }
}
