// MARK: - Prefix masks over the 128-bit value

extension IPAddress {
    /// An IPv6 address from its two halves, kept IPv6 even when it looks IPv4-mapped.
    ///
    /// For arithmetic inside IPv6 blocks (the last address of `::fffe:0:0/95` is such a value).
    init(rawV6 high: UInt64, _ low: UInt64) {
        family = .v6
        self.high = high
        self.low = low
    }

    /// The address with every bit after the first `prefixLength` bits of its family cleared.
    func masked(to prefixLength: Int) -> IPAddress {
        let (maskHigh, maskLow) = Self.mask(bits: prefixLength + 128 - family.bitWidth)
        return rebuilt(high: high & maskHigh, low: low & maskLow)
    }

    /// The address with every bit after the first `prefixLength` bits of its family set.
    func filled(from prefixLength: Int) -> IPAddress {
        let (maskHigh, maskLow) = Self.mask(bits: prefixLength + 128 - family.bitWidth)
        return rebuilt(high: high | ~maskHigh, low: low | ~maskLow)
    }

    /// A 128-bit mask with the first `bits` bits set, as (high, low) halves.
    static func mask(bits: Int) -> (UInt64, UInt64) {
        let ones = UInt64.max
        let high: UInt64 = bits <= 0 ? 0 : bits >= 64 ? ones : ones << UInt64(64 - bits)
        let low: UInt64 = bits <= 64 ? 0 : bits >= 128 ? ones : ones << UInt64(128 - bits)
        return (high, low)
    }

    /// An address of the same family from new halves (IPv4 keeps only the low 32 bits).
    private func rebuilt(high: UInt64, low: UInt64) -> IPAddress {
        switch family {
        case .v4: IPAddress(v4: UInt32(truncatingIfNeeded: low))
        case .v6: IPAddress(rawV6: high, low)
        }
    }
}
