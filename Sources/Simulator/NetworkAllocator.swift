/// Hands out non-overlapping IPv4 blocks from a pool of first octets, deterministically from the seed.
struct NetworkAllocator {
    private var generator: SeededGenerator
    private var used: Set<UInt32> = []
    private let octets: [UInt32]

    init(seed: UInt64, salt: UInt64, octets: [UInt32]) {
        generator = SeededGenerator(seed: seed, salt: salt)
        self.octets = octets
    }

    /// A new block whose `a.b` pair no earlier block has.
    mutating func block(prefix: Int) -> NetworkBlock {
        while true {
            let a = octets[Int(generator.next() % UInt64(octets.count))]
            let b = UInt32(1 + generator.next() % 254)
            let c = UInt32(generator.next() % 256)
            let pair = a << 8 | b
            guard !used.contains(pair) else { continue }
            used.insert(pair)
            return NetworkBlock(base: a << 24 | b << 16 | c << 8, prefix: prefix)
        }
    }
}
