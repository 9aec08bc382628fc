/// Lower-case hexadecimal digits, worked out rather than looked up in a table: the line ids,
/// hashes and `\u00XX` escapes all write them this one way.
package enum HexDigit {
    /// The ASCII lower-case hex digit of `value`'s low four bits.
    @inline(__always)
    package static func ascii(_ value: UInt8) -> UInt8 {
        let nibble = value & 0xF
        return nibble < 10 ? 48 + nibble : 87 + nibble
    }
}
