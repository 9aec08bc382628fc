/// The address family of an IP address or CIDR block.
package enum IPFamily: Sendable, Hashable, Comparable {
    case v4, v6

    /// The number of bits in an address of this family: 32 or 128.
    package var bitWidth: Int {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }
}
