import Foundation
import PartnerAuditCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the source lives: the API base and the login (token) base.
///
/// Plain `http://` is refused unless the host is a loopback address: credentials never cross
/// a network in clear text.
package struct SourceEndpoint: Sendable, Equatable {
    package let apiURL: String
    package let loginURL: String

    /// Validates and normalises both base URLs (no trailing slash).
    package init(apiURL: String, loginURL: String) throws(SourceError) {
        self.apiURL = try Self.validated(apiURL)
        self.loginURL = try Self.validated(loginURL)
    }

    /// The endpoint of a Genesys Cloud region, or of explicit URLs; explicit URLs win.
    package init(region: String?, apiURL: String?, loginURL: String?) throws(SourceError) {
        if let apiURL {
            try self.init(apiURL: apiURL, loginURL: loginURL ?? apiURL.replacingOccurrences(of: "://api.", with: "://login."))
        } else if let region {
            guard let urls = Region.urls(for: region) else {
                let known = Region.domains.keys.sorted().joined(separator: ", ")
                throw SourceError(.insecureURL, request: "source.region", message: "unknown region '\(region)' (known: \(known))")
            }
            try self.init(apiURL: urls.api, loginURL: loginURL ?? urls.login)
        } else {
            throw SourceError(.insecureURL, request: "source", message: "no source configured: set source.region, or source.apiURL and source.loginURL, or --api-url")
        }
    }

    /// `scheme://host:port` of a URL, the port made explicit; `nil` when it is not a URL.
    package static func origin(of text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    /// The URL without a trailing slash, if it is https, or http to a loopback address.
    static func validated(_ text: String) throws(SourceError) -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw SourceError(.insecureURL, request: text, message: "not an absolute URL")
        }
        switch scheme {
        case "https": return trimmed
        case "http" where isLoopback(host): return trimmed
        case "http": throw SourceError(.insecureURL, request: trimmed, message: "plain http is allowed only to a loopback address (127.0.0.0/8, ::1, localhost), not to \(host); use https")
        default: throw SourceError(.insecureURL, request: trimmed, message: "the scheme must be https")
        }
    }

    /// Whether `host` (a URL's parsed host) is this machine: an IPv4 literal in 127.0.0.0/8, the
    /// IPv6 literal `::1` (bracketed or not), or exactly `localhost`.
    ///
    /// Decided on the parsed address, never on a prefix: `127.0.0.1.nip.io` is a name anyone can
    /// point anywhere. Only the strict dotted-quad form counts (`inet_pton`), so `127.1`, `0x7f.0.0.1`
    /// or `2130706433`, which some resolvers read as loopback, are refused rather than guessed at.
    package static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name == "localhost" { return true }
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
    }
}
