import Foundation
import PartnerAuditCore

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
        case "http": throw SourceError(.insecureURL, request: trimmed, message: "plain http is allowed only to a loopback address; use https")
        default: throw SourceError(.insecureURL, request: trimmed, message: "the scheme must be https")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }
}
