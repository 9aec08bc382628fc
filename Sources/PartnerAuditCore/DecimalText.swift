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

    /// Appends `value`'s decimal text to `out`: written backwards into a 20-byte scratch (the
    /// longest `Int64`'s digits and sign), then appended at once.
    package static func append(_ value: Int64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            guard let end = text.baseAddress.map({ $0 + text.count }) else { return }
            let written = write(value, endingAt: end)
            out.append(contentsOf: UnsafeBufferPointer(start: end - written, count: written))
        }
    }

    /// Writes `value`'s decimal text backwards so that it ends just before `end`, and says how
    /// many bytes it wrote (`count(value)`): the caller has made room for them.
    package static func write(_ value: Int64, endingAt end: UnsafeMutablePointer<UInt8>) -> Int {
        var start = end
        var rest = value.magnitude
        repeat {
            start -= 1
            start.pointee = UInt8(48 + rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 {
            start -= 1
            start.pointee = UInt8(ascii: "-")
        }
        return end - start
    }
}
