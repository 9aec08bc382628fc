/// An IPv4 block (`34.120.7.0/24`) from which simulated traffic comes.
package struct NetworkBlock: Sendable, Hashable {
    /// The network address as a 32-bit number.
    package let base: UInt32
    /// The prefix length, 0–32.
    package let prefix: Int

    package init(base: UInt32, prefix: Int) {
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        self.base = base & mask
        self.prefix = prefix
    }

    /// The block in CIDR notation.
    package var cidr: String { "\(Self.dotted(base))/\(prefix)" }

    /// A host address inside the block, chosen by `hash` (never the network or broadcast address when there are others).
    package func host(_ hash: UInt64) -> String {
        Self.dotted(hostValue(hash))
    }

    /// `host(_:)` as a 32-bit number.
    @inline(__always)
    func hostValue(_ hash: UInt64) -> UInt32 {
        let size = UInt64(1) << UInt64(32 - prefix)
        let offset = size > 2 ? 1 + hash % (size - 2) : hash % size
        return base &+ UInt32(truncatingIfNeeded: offset)
    }

    /// Whether the dotted address lies inside the block.
    package func contains(_ address: String) -> Bool {
        guard let value = Self.parse(address) else { return false }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        return value & mask == base
    }

    /// Dotted-quad text of a 32-bit address.
    static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// The 32-bit value of a dotted-quad address, or `nil`.
    static func parse(_ address: String) -> UInt32? {
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }
}
