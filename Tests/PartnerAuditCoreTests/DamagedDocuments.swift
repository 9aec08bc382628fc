/// Every single-byte damage of a JSON document, for tests holding a parser variant to
/// `JSONParser.parse`'s errors: a byte removed, a structural byte inserted, the document cut
/// short — at each position.
import Testing
@testable import PartnerAuditCore

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

    /// Expects `variant` to accept every damaged form of `documents` that `JSONParser.parse`
    /// accepts and to refuse the others with the same message at the same byte; `name` says
    /// which parse disagreed. The damage must break many documents, not a few.
    static func expectSameErrors(
        _ documents: [String], as name: String, _ variant: ([UInt8]) throws(JSONParseError) -> Void
    ) {
        var compared = 0, refused = 0
        for document in documents {
            for text in of(document) {
                let full = Result { () throws(JSONParseError) in try JSONParser.parse(text) }
                let other = Result { () throws(JSONParseError) in try variant(text) }
                switch (full, other) {
                case (.success, .success): break
                case (.failure(let a), .failure(let b)):
                    refused += 1
                    #expect(a.offset == b.offset && a.message == b.message, "\(String(decoding: text, as: UTF8.self))")
                default:
                    Issue.record("parse and \(name) disagree on \(String(decoding: text, as: UTF8.self))")
                }
                compared += 1
            }
        }
        #expect(refused > compared / 4, "the damage should break many documents, not a few")
    }
}
