/// Hands out distinct IPv4 blocks from a pool of first octets, deterministically from the seed.
struct NetworkAllocator {
    /// What no two blocks of one allocator share.
    enum Distinctness {
        /// The `a.b` pair: blocks never overlap, but there are only a few thousand of them.
        case pairs
        /// The /24: room for the tens of thousands of networks of the largest organisation.
        case slash24s
    }

    private var generator: SeededGenerator
    private var used: Set<UInt32> = []
    private let octets: [UInt32]
    private let distinctness: Distinctness

    init(seed: UInt64, salt: UInt64, octets: [UInt32], distinct distinctness: Distinctness = .pairs) {
        generator = SeededGenerator(seed: seed, salt: salt)
        self.octets = octets
        self.distinctness = distinctness
    }

    /// A new block whose `a.b` pair (or /24) no earlier block has.
    mutating func block(prefix: Int = 24) -> NetworkBlock {
        while true {
            let a = octets[Int(generator.next() % UInt64(octets.count))]
            let b = UInt32(1 + generator.next() % 254)
            let c = UInt32(generator.next() % 256)
            let base = a << 24 | b << 16 | c << 8
            let key = distinctness == .pairs ? a << 8 | b : base
            guard used.insert(key).inserted else { continue }
            return NetworkBlock(base: base, prefix: prefix)
        }
    }
}
