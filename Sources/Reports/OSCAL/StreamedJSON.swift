import PartnerAuditCore

/// A JSON document written in pieces: the bytes `JSONValue.canonicalText` gives for the same
/// value (keys sorted by their UTF-8, no white space), with long arrays produced one element at
/// a time so the whole document is never held in memory.
///
/// ```swift
/// let document = StreamedJSON.object(["findings": .elements(count: findings.count) { .string(findings[$0].ruleID) }])
/// try document.write(into: sink)
/// ```
indirect enum StreamedJSON {
    /// A value written whole.
    case value(JSONValue)
    /// An object whose members are themselves pieces; written with its keys sorted.
    case object([String: StreamedJSON])
    /// An array whose elements are pieces.
    case array([StreamedJSON])
    /// An array of `count` elements, the `index`th built only when it is written.
    case elements(count: Int, (Int) -> JSONValue)

    /// Writes the document to `sink` in pieces of about 64 KiB.
    func write(into sink: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        try write(to: &buffer, sink: sink)
        try sink(buffer)
    }

    private func write(to buffer: inout [UInt8], sink: ([UInt8]) throws -> Void) throws {
        switch self {
        case .value(let value):
            value.write(to: &buffer)
        case .object(let members):
            buffer.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                try members[key]?.write(to: &buffer, sink: sink)
            }
            buffer.append(UInt8(ascii: "}"))
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                try element.write(to: &buffer, sink: sink)
            }
            buffer.append(UInt8(ascii: "]"))
        case .elements(let count, let element):
            buffer.append(UInt8(ascii: "["))
            for index in 0..<count {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                element(index).write(to: &buffer)
                if buffer.count >= 1 << 16 {
                    try sink(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }
}
