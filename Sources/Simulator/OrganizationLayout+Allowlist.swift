extension OrganizationLayout {
    /// The first octet of the planted broad entry: public space no partner, office or foreign address uses.
    static let broadEntryOctet: UInt32 = 47

    /// The planted entry of the organisation-wide allowlist: a public /12 (`47.x.0.0/12`, `x` from the seed).
    ///
    /// Broader than the /24 the default policy allows, so AL-2 fires organisation-wide; not
    /// reserved space, so AL-3 does not; and no simulated traffic comes from it.
    var broadAllowlistEntry: NetworkBlock {
        let second = UInt32(SeededHash.hash(seed, 98, 0) % 16) << 4
        return NetworkBlock(base: Self.broadEntryOctet << 24 | second << 16, prefix: 12)
    }

    /// The organisation-wide allowlist: every partner's declared networks, then `broadAllowlistEntry`.
    ///
    /// Partners in layout order, each environment's blocks in `PartnerEnvironment` order;
    /// a block listed twice is kept at its first place.
    var organizationAllowlist: [String] {
        var seen: Set<String> = []
        var list: [String] = []
        for partner in partners {
            for environment in PartnerEnvironment.allCases {
                for block in partner.networks(environment) where seen.insert(block.cidr).inserted {
                    list.append(block.cidr)
                }
            }
        }
        let broad = broadAllowlistEntry.cidr
        if seen.insert(broad).inserted { list.append(broad) }
        return list
    }
}
