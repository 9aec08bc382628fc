/// An IPv4 or IPv6 address, held as 128 bits.
///
/// IPv4 addresses keep their own family and live in the low 32 bits. An IPv4-mapped IPv6
/// address (`::ffff:192.0.2.1`) *is* the IPv4 address: it parses, compares and prints as
/// `192.0.2.1`, so an allowlist written in one form matches traffic logged in the other.
/// IPv4 addresses sort before IPv6 addresses; within a family, addresses sort numerically.
package struct IPAddress: Sendable, Hashable, Comparable {
    /// IPv4 or IPv6 (an IPv4-mapped address is IPv4).
    package let family: IPFamily
    /// The upper 64 bits (always 0 for IPv4).
    package let high: UInt64
    /// The lower 64 bits (for IPv4, the address in the low 32 bits).
    package let low: UInt64

    /// An IPv4 address from its 32-bit value (`0xC0000201` is `192.0.2.1`).
    package init(v4 value: UInt32) {
        family = .v4
        high = 0
        low = UInt64(value)
    }

    /// An IPv6 address from its two halves; an IPv4-mapped value becomes its IPv4 address.
    package init(v6 high: UInt64, _ low: UInt64) {
        if high == 0, low >> 32 == 0xFFFF {
            self.init(v4: UInt32(truncatingIfNeeded: low))
        } else {
            self.init(rawV6: high, low)
        }
    }

    /// Parses an IPv4 or IPv6 address strictly; `nil` for anything else.
    ///
    /// Use `IPAddress.parse(_:)` to learn what is wrong with the text.
    package init?(_ text: String) {
        guard let address = try? Self.parse(text) else { return nil }
        self = address
    }

    /// The IPv4 value, for an IPv4 address.
    package var v4Value: UInt32? {
        family == .v4 ? UInt32(truncatingIfNeeded: low) : nil
    }

    package static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.family, lhs.high, lhs.low) < (rhs.family, rhs.high, rhs.low)
    }
}
