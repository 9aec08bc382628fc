extension OrganizationLayout {
    /// First octets of generated partners' networks: public space, disjoint from `partnerOctets`
    /// and `foreignOctets`, so a generated network never overlaps a planted partner's, the
    /// office's, the legacy app's or a foreign address.
    static let generatedPartnerOctets: [UInt32] = [
        23, 31, 37, 45, 46, 62, 63, 64, 66, 68, 80, 81, 82, 87, 89,
        94, 95, 109, 128, 129, 130, 131, 141, 142, 143, 144, 158, 159, 162, 163,
    ]

    /// The scopes a generated partner's policy may approve: read scopes with catalogued endpoints,
    /// so a clean app can exercise every one of them.
    static let generatedScopePool = [
        "routing:queue:read", "interaction:read", "analytics:report:read", "analytics:conversation:read",
        "users:read", "recording:read", "externalcontacts:contact:read",
    ]

    /// Clean partners enough for `apps` apps (three each), numbered by layout index from `firstIndex`.
    ///
    /// Partner 8 is `partner0008` (title `Partner0008`, name `Partner 0008`) with two to four
    /// approved scopes and one public /24 per environment, all drawn from the seed; a partner
    /// is the same whatever the count, because later partners only append.
    static func makeGeneratedPartners(seed: UInt64, firstIndex: Int, apps: Int) -> [Partner] {
        let count = max(0, (apps + 2) / 3)
        var allocator = NetworkAllocator(seed: seed, salt: 11, octets: generatedPartnerOctets, distinct: .slash24s)
        return (0..<count).map { offset in
            let index = firstIndex + offset
            let number = String(index).leftPadded(to: 4)
            var networks: [PartnerEnvironment: [NetworkBlock]] = [:]
            for environment in PartnerEnvironment.allCases {
                networks[environment] = [allocator.block()]
            }
            return Partner(
                id: "partner" + number, name: "Partner " + number, title: "Partner" + number,
                approvedScopes: generatedScopes(seed: seed, partner: index), networks: networks
            )
        }
    }

    /// Two to four scopes of `generatedScopePool`, in pool order, chosen by the seed and the partner index.
    static func generatedScopes(seed: UInt64, partner index: Int) -> [String] {
        var generator = SeededGenerator(seed: SeededHash.hash(seed, 12, UInt64(index)), salt: 13)
        let count = 2 + Int(generator.next() % 3)
        var picks = Array(generatedScopePool.indices)
        for position in 0..<count {
            picks.swapAt(position, position + Int(generator.next() % UInt64(picks.count - position)))
        }
        return picks.prefix(count).sorted().map { generatedScopePool[$0] }
    }
}
