import Foundation

// MARK: - Containment, overlap, breadth

extension CIDRBlock {
    /// The last address of the block (the broadcast address, for IPv4).
    package var lastAddress: IPAddress { network.filled(from: prefixLength) }

    /// Whether the address lies in the block; an address of the other family never does.
    package func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.masked(to: prefixLength) == network
    }

    /// Whether every address of `other` lies in this block.
    package func contains(_ other: CIDRBlock) -> Bool {
        other.family == family && other.prefixLength >= prefixLength && contains(other.network)
    }

    /// Whether the two blocks share at least one address (CIDR blocks either nest or are disjoint).
    package func overlaps(_ other: CIDRBlock) -> Bool {
        contains(other) || other.contains(self)
    }

    /// Whether the block is wider than the policy allows for its family: its prefix is shorter than the maximum.
    ///
    /// With the defaults (24 and 48), `/24` passes and `/23` is broader.
    package func isBroader(thanIPv4 maxV4: Int, ipv6 maxV6: Int) -> Bool {
        prefixLength < (family == .v4 ? maxV4 : maxV6)
    }

    /// Whether the block is the whole address space of its family: `0.0.0.0/0` or `::/0`.
    package var isEverything: Bool { prefixLength == 0 }

    /// The number of addresses in the block, as a Double (an IPv6 /0 has 2^128).
    package var addressCount: Double {
        pow(2, Double(family.bitWidth - prefixLength))
    }

    /// The number of addresses in words: `256`, `4294967296`, or `2^80` when too large to write out.
    package var addressCountDescription: String {
        let bits = family.bitWidth - prefixLength
        return bits < 63 ? String(Int64(1) << Int64(bits)) : "2^\(bits)"
    }
}
