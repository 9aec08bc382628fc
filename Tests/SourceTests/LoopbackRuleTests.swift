import PartnerAuditCore
import Source
import Testing

@Suite("Plain http only to a loopback host, decided on the parsed host")
struct LoopbackRuleTests {
    @Test("An IP literal in 127.0.0.0/8, ::1 or exactly localhost is loopback", arguments: [
        "127.0.0.1", "127.0.0.2", "127.255.255.254", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]",
        "0:0:0:0:0:0:0:1", "[0000:0000:0000:0000:0000:0000:0000:0001]",
    ])
    func loopbackHosts(host: String) {
        #expect(SourceEndpoint.isLoopback(host), "\(host)")
    }

    @Test("A name that merely starts like a loopback address, or any other host, is not", arguments: [
        "127.0.0.1.evil.example", "127.0.0.1.nip.io", "127.evil.example", "127.", "127", "127.0.0", "127.1",
        "127.0.0.1.", "127.0.0.256", "127.0.0.01", "0x7f.0.0.1", "0177.0.0.1", "2130706433", "128.0.0.1", "10.0.0.1",
        "0.0.0.0", "localhost.", "localhost.evil.example", "evil-localhost", "mylocalhost", "::2", "::", "::ffff:127.0.0.1",
        "[::1].evil.example", "", "api.mypurecloud.com", "127.0.0.1%2eevil.example", " 127.0.0.1",
    ])
    func notLoopbackHosts(host: String) {
        #expect(!SourceEndpoint.isLoopback(host), "\(host)")
    }

    @Test("http URLs are accepted only to a loopback host", arguments: [
        ("http://127.0.0.1:8080", true), ("http://localhost", true), ("http://[::1]:9000/", true), ("http://127.0.0.9/x", true),
        ("http://127.0.0.1.evil.example", false), ("http://127.0.0.1.nip.io:8080", false), ("http://127.0.0.1@evil.example", false),
        ("http://localhost.evil.example", false), ("http://127.0.0.1:80@evil.example/", false), ("https://127.0.0.1.nip.io", true),
        ("ftp://127.0.0.1", false),
    ])
    func httpURLs(url: String, accepted: Bool) {
        let refused: SourceError?
        do {
            _ = try SourceEndpoint(apiURL: url, loginURL: url)
            refused = nil
        } catch {
            refused = error
        }
        #expect((refused == nil) == accepted, "\(url): \(refused.map { "\($0)" } ?? "accepted")")
        if let refused { #expect(refused.code == .insecureURL) }
    }
}
