/// An address or CIDR block that cannot be read: names the text and what is wrong with it.
///
/// `description` reads `'10.0.0.300/24': octet 300 is out of range`; `reason` is the part
/// after the colon, for messages that quote the text themselves.
package struct CIDRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, precisely enough for a test or a rule to tell cases apart.
    package enum Code: Sendable, Equatable {
        case empty
        case whitespace
        case notAnAddress
        case wrongOctetCount(Int)
        case emptyOctet
        case octetNotANumber(String)
        case octetLeadingZero(String)
        case octetOutOfRange(String)
        case zoneID
        case repeatedCompression
        case emptyGroup
        case badGroup(String)
        case misplacedIPv4Tail
        case wrongGroupCount(Int)
        case badPrefix(String)
        case prefixTooLong(Int, max: Int)
        case mappedPrefixTooShort(Int)
    }

    package let code: Code
    /// The text as given.
    package var input: String

    package init(_ code: Code, input: String) {
        self.code = code
        self.input = input
    }

    /// What is wrong, in words, without the text.
    package var reason: String {
        switch code {
        case .empty: "is empty"
        case .whitespace: "contains spaces"
        case .notAnAddress: "is not an IPv4 (a.b.c.d) or IPv6 address"
        case .wrongOctetCount(let count): "an IPv4 address has 4 octets, not \(count)"
        case .emptyOctet: "an octet is empty"
        case .octetNotANumber(let text): "octet '\(text)' is not a number"
        case .octetLeadingZero(let text): "octet '\(text)' has a leading zero (octal or decimal?)"
        case .octetOutOfRange(let text): "octet \(text) is out of range"
        case .zoneID: "zone ids ('%eth0') are not allowed"
        case .repeatedCompression: "'::' appears more than once"
        case .emptyGroup: "an IPv6 group is empty"
        case .badGroup(let text): "IPv6 group '\(text)' is not 1 to 4 hex digits"
        case .misplacedIPv4Tail: "an embedded IPv4 address may only come last"
        case .wrongGroupCount(let count): "an IPv6 address has 8 groups, not \(count)"
        case .badPrefix(let text): "prefix '\(text)' is not a whole number"
        case .prefixTooLong(let prefix, let max): "prefix \(prefix) is longer than \(max)"
        case .mappedPrefixTooShort(let prefix): "prefix \(prefix) on an IPv4-mapped address is shorter than 96"
        }
    }

    package var description: String { "'\(input)': \(reason)" }
}
