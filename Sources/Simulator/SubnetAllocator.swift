/// Hands out distinct /24 blocks from a pool of first octets, deterministically from the seed.
///
/// Unlike `NetworkAllocator`, which gives each block an `a.b` pair of its own (a few thousand
/// at most), it has room for the tens of thousands of networks of the largest organisation.
struct SubnetAllocator {
    private var generator: SeededGenerator
    private var used: Set<UInt32> = []
    private let octets: [UInt32]

    init(seed: UInt64, salt: UInt64, octets: [UInt32]) {
        generator = SeededGenerator(seed: seed, salt: salt)
        self.octets = octets
    }

    /// A /24 no earlier block of this allocator is.
    mutating func block() -> NetworkBlock {
        while true {
            let a = octets[Int(generator.next() % UInt64(octets.count))]
            let b = UInt32(1 + generator.next() % 254)
            let c = UInt32(generator.next() % 256)
            let base = a << 24 | b << 16 | c << 8
            guard used.insert(base).inserted else { continue }
            return NetworkBlock(base: base, prefix: 24)
        }
    }
}
