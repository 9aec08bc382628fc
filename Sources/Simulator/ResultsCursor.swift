import Foundation

/// The opaque `cursor` of a live results page: which transaction, and the offset of the next page.
///
/// Written as base64url of `transactionId:offset`; a client must pass it back untouched.
struct ResultsCursor: Sendable, Hashable {
    let transactionID: String
    let offset: Int

    /// The cursor text.
    var text: String { Base64URL.encode(transactionID + ":" + String(offset)) }

    /// Reads a cursor; `nil` when the text is not one this server wrote.
    init?(text: String) {
        guard let decoded = Base64URL.decode(text), let colon = decoded.lastIndex(of: ":"),
              let offset = Int(decoded[decoded.index(after: colon)...]), offset >= 0 else { return nil }
        self.transactionID = String(decoded[..<colon])
        self.offset = offset
    }

    init(transactionID: String, offset: Int) {
        self.transactionID = transactionID
        self.offset = offset
    }
}

/// Base64 with the URL-safe alphabet and no padding, for texts that travel in URLs.
enum Base64URL {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> String? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
