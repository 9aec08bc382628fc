/// A CIDR block (`203.0.113.0/24`, `2001:db8::/48`): a network address and a prefix length.
///
/// The network address never has host bits: `10.1.2.3/16` is accepted and becomes
/// `10.1.0.0/16`, with `hadHostBits` set so a rule can mention how it was written. Two
/// blocks are equal when they cover the same addresses, however they were written.
package struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block.
    package let network: IPAddress
    /// The number of leading bits fixed by the block: 0–32 for IPv4, 0–128 for IPv6.
    package let prefixLength: Int
    /// Whether the text had bits set after the prefix (and so was normalised).
    package let hadHostBits: Bool

    /// The block covering exactly one address (`/32` or `/128`).
    package init(_ address: IPAddress) {
        network = address
        prefixLength = address.family.bitWidth
        hadHostBits = false
    }

    /// The block of the given length around an address, clearing any host bits.
    ///
    /// Returns `nil` when the prefix length is out of range for the address's family.
    package init?(address: IPAddress, prefixLength: Int) {
        guard (0...address.family.bitWidth).contains(prefixLength) else { return nil }
        network = address.masked(to: prefixLength)
        self.prefixLength = prefixLength
        hadHostBits = network != address
    }

    /// IPv4 or IPv6, as the network address is.
    package var family: IPFamily { network.family }

    /// The canonical text, always with the prefix: `10.1.0.0/16`, `2001:db8::/32`, `192.0.2.7/32`.
    package var description: String { "\(network)/\(prefixLength)" }

    /// Whether both blocks cover the same addresses (`hadHostBits` is how a block was written, not what it is).
    package static func == (lhs: CIDRBlock, rhs: CIDRBlock) -> Bool {
        lhs.network == rhs.network && lhs.prefixLength == rhs.prefixLength
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(network)
        hasher.combine(prefixLength)
    }
}
