// MARK: - Parsing

extension CIDRBlock {
    /// Parses `a.b.c.d/n`, `v6/n` or a bare address (a `/32` or `/128`), strictly.
    ///
    /// Host bits after the prefix are cleared and recorded in `hadHostBits`. An IPv4-mapped
    /// IPv6 block (`::ffff:10.0.0.0/104`) is the IPv4 block (`10.0.0.0/8`); its prefix must
    /// then be at least 96. The error says what is wrong: `'1.2.3.4/33': prefix 33 is longer than 32`.
    package static func parse(_ text: String) throws(CIDRError) -> CIDRBlock {
        do {
            return try parseUnnamed(text)
        } catch {
            throw CIDRError(error.code, input: text)
        }
    }

    private static func parseUnnamed(_ text: String) throws(CIDRError) -> CIDRBlock {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = try IPAddress.parse(parts[0])
        guard parts.count == 2 else { return CIDRBlock(address) }
        let prefixText = parts[1]
        guard !prefixText.isEmpty, prefixText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let written = Int(prefixText) else {
            throw CIDRError(.badPrefix(String(prefixText)), input: text)
        }
        var prefix = written
        if address.family == .v4, parts[0].contains(":") {
            guard written <= 128 else { throw CIDRError(.prefixTooLong(written, max: 128), input: text) }
            guard written >= 96 else { throw CIDRError(.mappedPrefixTooShort(written), input: text) }
            prefix = written - 96
        }
        let width = address.family.bitWidth
        guard prefix <= width, let block = CIDRBlock(address: address, prefixLength: prefix) else {
            throw CIDRError(.prefixTooLong(prefix, max: width), input: text)
        }
        return block
    }
}
