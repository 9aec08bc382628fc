/// A special-purpose address range that has no place in a partner's IP allowlist.
///
/// AL-3 reports an allowlist entry that lies in or overlaps one of these (unless the policy
/// says `allowPrivate: true`). `0.0.0.0/0` and `::/0` are not classified: they are
/// "everything", AL-2's critical case.
package enum ReservedKind: String, Sendable, Hashable, CaseIterable {
    case privateNetwork
    case loopback
    case linkLocal
    case sharedAddressSpace
    case documentation
    case uniqueLocal
    case unspecified
    case multicast
    case benchmarking
    case futureUse

    /// The name used in finding text: "RFC 1918 private space".
    package var name: String {
        switch self {
        case .privateNetwork: "RFC 1918 private space"
        case .loopback: "loopback space"
        case .linkLocal: "link-local space"
        case .sharedAddressSpace: "CGNAT shared address space (RFC 6598)"
        case .documentation: "documentation space (RFC 5737 / RFC 3849)"
        case .uniqueLocal: "IPv6 unique-local space (RFC 4193)"
        case .unspecified: "unspecified / \"this network\" space"
        case .multicast: "multicast space"
        case .benchmarking: "benchmarking space (RFC 2544 / RFC 5180)"
        case .futureUse: "reserved space (240.0.0.0/4, including broadcast)"
        }
    }

    /// The blocks of this kind, IPv4 first.
    package var blocks: [CIDRBlock] { Self.table[self] ?? [] }

    private static let table: [ReservedKind: [CIDRBlock]] = {
        let texts: [ReservedKind: [String]] = [
            .privateNetwork: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            .loopback: ["127.0.0.0/8", "::1/128"],
            .linkLocal: ["169.254.0.0/16", "fe80::/10"],
            .sharedAddressSpace: ["100.64.0.0/10"],
            .documentation: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"],
            .uniqueLocal: ["fc00::/7"],
            .unspecified: ["0.0.0.0/8", "::/128"],
            .multicast: ["224.0.0.0/4", "ff00::/8"],
            .benchmarking: ["198.18.0.0/15", "2001:2::/48"],
            .futureUse: ["240.0.0.0/4"],
        ]
        // The texts are constants checked by the tests; a typo drops that block rather than crashing.
        return texts.mapValues { $0.compactMap { try? CIDRBlock.parse($0) } }
    }()
}

/// The special-purpose range a block lies in or overlaps, or `nil` for public space.
///
/// A block inside a range gets that range's kind; a wider block that overlaps some ranges
/// (`8.0.0.0/6` covers `10.0.0.0/8`) gets the first of them in `ReservedKind.allCases` order.
/// `0.0.0.0/0` and `::/0` are `nil`: they are everything, a different finding.
package func reservedKind(of block: CIDRBlock) -> ReservedKind? {
    guard !block.isEverything else { return nil }
    let kinds = ReservedKind.allCases
    if let inside = kinds.first(where: { $0.blocks.contains { $0.contains(block) } }) {
        return inside
    }
    return kinds.first { $0.blocks.contains { $0.overlaps(block) } }
}
