/// Which partner environments' declared networks contain an address, answered by hashing
/// instead of scanning every network of every partner.
///
/// Built once per evaluation from the policy: one hash table per (family, prefix length) in use,
/// so a lookup costs one masked probe per distinct prefix length.
package struct NetworkIndex: Sendable {
    private struct Key: Hashable { var family: IPFamily; var prefix: Int; var high: UInt64; var low: UInt64 }
    private var tables: [Key: [(partnerID: String, environment: String)]] = [:]
    private var shapes: [(family: IPFamily, prefix: Int)] = []

    /// Indexes every network of every partner in the policy.
    package init(_ policy: Policy) {
        var seen = Set<String>()
        for partner in policy.partners {
            for (environment, blocks) in partner.networks {
                for block in blocks {
                    let key = Self.key(block.network, family: block.family, prefix: block.prefixLength)
                    tables[key, default: []].append((partner.id, environment))
                    if seen.insert("\(block.family)/\(block.prefixLength)").inserted {
                        shapes.append((block.family, block.prefixLength))
                    }
                }
            }
        }
    }

    /// Every (partner, environment) whose networks contain the address, sorted.
    package func places(containing address: IPAddress) -> [(partnerID: String, environment: String)] {
        var out: [(partnerID: String, environment: String)] = []
        for shape in shapes where shape.family == address.family {
            for hit in tables[Self.key(address, family: shape.family, prefix: shape.prefix)] ?? []
            where !out.contains(where: { $0.partnerID == hit.partnerID && $0.environment == hit.environment }) {
                out.append(hit)
            }
        }
        return out.sorted { ($0.partnerID, $0.environment) < ($1.partnerID, $1.environment) }
    }

    private static func key(_ address: IPAddress, family: IPFamily, prefix: Int) -> Key {
        // Addresses are stored left-aligned in 128 bits for v6; v4 lives in the low 32 bits.
        if family == .v4 {
            let mask: UInt64 = prefix == 0 ? 0 : (UInt64.max << UInt64(32 - prefix)) & 0xFFFF_FFFF
            return Key(family: family, prefix: prefix, high: 0, low: address.low & mask)
        }
        let highMask: UInt64 = prefix >= 64 ? .max : (prefix == 0 ? 0 : .max << UInt64(64 - prefix))
        let lowMask: UInt64 = prefix <= 64 ? 0 : (prefix >= 128 ? .max : .max << UInt64(128 - prefix))
        return Key(family: family, prefix: prefix, high: address.high & highMask, low: address.low & lowMask)
    }
}
