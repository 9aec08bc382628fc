/// An integer's decimal text as `String(value)` writes it, appended to bytes without making a string.
package enum DecimalText {
    /// How many bytes `append` writes for `value`, its sign included.
    package static func count(_ value: Int64) -> Int {
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return value < 0 ? digits + 1 : digits
    }

    /// Appends `value`'s decimal text to `out`.
    package static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(48 + magnitude / divisor % 10))
            divisor /= 10
        }
    }
}
