/// Every single-byte damage of a JSON document, for tests holding a parser variant to
/// `JSONParser.parse`'s errors: a byte removed, a structural byte inserted, the document cut
/// short — at each position.
enum DamagedDocuments {
    static let noise = Array(#""\{}[],:0-.eu a"#.utf8) + [0x01]

    static func of(_ document: String) -> [[UInt8]] {
        let bytes = Array(document.utf8)
        var damaged: [[UInt8]] = []
        for position in 0...bytes.count {
            damaged.append(Array(bytes.prefix(position)))
            if position < bytes.count {
                var removed = bytes
                removed.remove(at: position)
                damaged.append(removed)
            }
            for byte in noise {
                var inserted = bytes
                inserted.insert(byte, at: position)
                damaged.append(inserted)
            }
        }
        return damaged
    }
}
