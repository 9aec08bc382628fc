/// Cheap, deterministic mixing of the seed with integers.
///
/// Every generated value of the simulator (ids, networks, which client an event belongs
/// to, its path, its source address) is a pure function of the seed and a few integers,
/// so the same seed always serves the same organisation.
enum SeededHash {
    /// The SplitMix64 finaliser: a bijective, well-spread mix of one 64-bit word.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Mixes the seed with a salt (what the value is for) and an index.
    @inline(__always)
    static func hash(_ seed: UInt64, _ salt: UInt64, _ index: UInt64) -> UInt64 {
        mix(mix(seed ^ (salt &* 0xD6E8_FEB8_6659_FD93)) ^ index)
    }

    /// FNV-1a of a text's UTF-8 bytes: a stable index for `hash` and `uuid` from a name.
    static func text(_ value: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in value.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A UUID-shaped string (`8-4-4-4-12` lowercase hex, version 4 bits set) derived from the inputs.
    static func uuid(_ seed: UInt64, _ salt: UInt64, _ index: UInt64) -> String {
        let high = hash(seed, salt, index)
        let low = hash(seed, salt &+ 0x5555, index)
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        func put(_ word: UInt64, from: Int, count: Int) {
            for k in 0..<count {
                let shift = UInt64(60 - 4 * (from + k))
                out.append(hex[Int((word >> shift) & 0xF)])
            }
        }
        put(high, from: 0, count: 8); out.append(45)
        put(high, from: 8, count: 4); out.append(45)
        out.append(52); put(high, from: 13, count: 3); out.append(45)
        out.append(hex[8 + Int(low & 3)]); put(low, from: 1, count: 3); out.append(45)
        put(low, from: 4, count: 12)
        return String(decoding: out, as: UTF8.self)
    }
}

/// A seeded random number generator (SplitMix64), for choices made once when the organisation is built.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64, salt: UInt64) { state = SeededHash.hash(seed, salt, 0) }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return SeededHash.mix(state)
    }
}
