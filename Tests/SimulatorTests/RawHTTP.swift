import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// One HTTP/1.1 GET over a plain loopback socket, redirects not followed: the 3xx itself is the answer.
///
/// `URLSession` on Linux follows every redirect whatever its delegate says, so the tests of
/// `303 See Other` read the answer here. The socket work runs on a dispatch queue, off the
/// cooperative pool the simulator's handlers need.
enum RawHTTP {
    static func get(_ url: String, headers: [String: String] = [:]) async throws -> HTTPTestClient.Answer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingGet(url, headers: headers) })
            }
        }
    }

    private static func blockingGet(_ text: String, headers: [String: String]) throws -> HTTPTestClient.Answer {
        guard let url = URL(string: text), url.host == "127.0.0.1", let port = url.port else {
            throw FixtureError(description: "not a loopback URL with a port: \(text)")
        }
        var target = url.path
        if let query = url.query { target += "?" + query }
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw FixtureError(description: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw FixtureError(description: "cannot connect to \(text)") }
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        let bytes = Array((request + "\r\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw FixtureError(description: "send() failed") }
            sent += count
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += chunk[0..<count]
        }
        return try parse(received)
    }

    /// Status, headers (lowercased names) and the body after the head.
    private static func parse(_ bytes: [UInt8]) throws -> HTTPTestClient.Answer {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator }) else {
            throw FixtureError(description: "no HTTP head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = (lines.first ?? "").split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw FixtureError(description: "bad status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPTestClient.Answer(status: status, headers: headers, body: Data(bytes[(end + 4)...]))
    }
}
