// MARK: - Strict parsing of IPv4 and IPv6 text

extension IPAddress {
    /// Parses an IPv4 or IPv6 address strictly, saying what is wrong when it fails.
    ///
    /// IPv4 is four decimal octets, each 0–255 without leading zeros (`010` could be octal).
    /// IPv6 is eight groups of 1–4 hex digits, with at most one `::` and optionally an IPv4
    /// tail (`::ffff:192.0.2.1`, `64:ff9b::198.51.100.7`); zone ids (`fe80::1%eth0`) are refused.
    package static func parse(_ text: String) throws(CIDRError) -> IPAddress {
        do {
            return try parse(Substring(text))
        } catch {
            throw CIDRError(error.code, input: text)
        }
    }

    /// Parses without naming the input; the caller fills it in.
    static func parse(_ text: Substring) throws(CIDRError) -> IPAddress {
        guard !text.isEmpty else { throw CIDRError(.empty, input: "") }
        guard !text.contains(where: \.isWhitespace) else { throw CIDRError(.whitespace, input: "") }
        if text.contains(":") {
            return try parseV6(text)
        }
        guard text.contains(".") else { throw CIDRError(.notAnAddress, input: "") }
        return IPAddress(v4: try parseV4(text))
    }

    // MARK: - IPv4

    private static func parseV4(_ text: Substring) throws(CIDRError) -> UInt32 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw CIDRError(.wrongOctetCount(parts.count), input: "") }
        var value: UInt32 = 0
        for part in parts {
            value = value << 8 | UInt32(try octet(part))
        }
        return value
    }

    private static func octet(_ part: Substring) throws(CIDRError) -> UInt8 {
        guard !part.isEmpty else { throw CIDRError(.emptyOctet, input: "") }
        guard part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw CIDRError(.octetNotANumber(String(part)), input: "")
        }
        guard let number = Int(part), number <= 255 else {
            throw CIDRError(.octetOutOfRange(String(part)), input: "")
        }
        guard part.count == 1 || part.first != "0" else {
            throw CIDRError(.octetLeadingZero(String(part)), input: "")
        }
        return UInt8(number)
    }

    // MARK: - IPv6

    private static func parseV6(_ text: Substring) throws(CIDRError) -> IPAddress {
        guard !text.contains("%") else { throw CIDRError(.zoneID, input: "") }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2, !text.contains(":::") else { throw CIDRError(.repeatedCompression, input: "") }
        let compressed = halves.count == 2
        let head = try groups(halves[0], mayEndWithIPv4: !compressed)
        let tail = compressed ? try groups(halves[1], mayEndWithIPv4: true) : []
        let count = head.count + tail.count
        if compressed {
            guard count <= 7 else { throw CIDRError(.wrongGroupCount(count + 1), input: "") }
        } else {
            guard count == 8 else { throw CIDRError(.wrongGroupCount(count), input: "") }
        }
        let all = head + [UInt16](repeating: 0, count: 8 - count) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in all[0..<4] { high = high << 16 | UInt64(group) }
        for group in all[4..<8] { low = low << 16 | UInt64(group) }
        return IPAddress(v6: high, low)
    }

    /// The 16-bit groups of one side of `::` (an IPv4 tail counts as two groups).
    private static func groups(_ text: Substring, mayEndWithIPv4: Bool) throws(CIDRError) -> [UInt16] {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var out: [UInt16] = []
        for (index, part) in parts.enumerated() {
            guard !part.isEmpty else { throw CIDRError(.emptyGroup, input: "") }
            if part.contains(".") {
                guard mayEndWithIPv4, index == parts.count - 1 else { throw CIDRError(.misplacedIPv4Tail, input: "") }
                let v4 = try parseV4(part)
                out.append(UInt16(truncatingIfNeeded: v4 >> 16))
                out.append(UInt16(truncatingIfNeeded: v4))
                continue
            }
            guard part.utf8.count <= 4, part.utf8.allSatisfy(\.isHexDigit), let group = UInt16(part, radix: 16) else {
                throw CIDRError(.badGroup(String(part)), input: "")
            }
            out.append(group)
        }
        return out
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
