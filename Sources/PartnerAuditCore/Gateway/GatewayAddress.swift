#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source address as gateways write it, checked and written canonically.
package enum GatewayAddress {
    /// The address of `text` in its canonical form (`inet_ntop`), a port stripped
    /// (`203.0.113.7:5143`, `[2001:db8::1]:443`); `nil` when it is not an IPv4 or IPv6 address.
    package static func canonical(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        if isCanonicalIPv4(text) { return text }
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            guard after.isEmpty || (after.hasPrefix(":") && isPort(after.dropFirst())) else { return nil }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.contains("."), let colon = host.firstIndex(of: ":") {
            guard isPort(host[host.index(after: colon)...]) else { return nil }
            host = host[..<colon]
        }
        return format(String(host))
    }

    /// A dotted quad as `inet_ntop` writes it: four decimal parts of 0…255, no leading zero.
    private static func isCanonicalIPv4(_ text: String) -> Bool {
        var parts = 0, digits = 0, value = 0, leadingZero = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return false }
                parts += 1
                (digits, value, leadingZero) = (0, 0, false)
            } else if byte >= 48, byte <= 57 {
                guard !leadingZero, digits < 3 else { return false }
                leadingZero = digits == 0 && byte == 48
                value = value * 10 + Int(byte - 48)
                digits += 1
                guard value <= 255 else { return false }
            } else {
                return false
            }
        }
        return parts == 3 && digits > 0
    }

    private static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }

    private static func format(_ host: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 16)
        var out = [CChar](repeating: 0, count: 64)
        let family = host.contains(":") ? AF_INET6 : AF_INET
        guard inet_pton(family, host, &buffer) == 1, inet_ntop(family, buffer, &out, socklen_t(out.count)) != nil else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
