import Foundation
import PartnerAuditCore
import Warehouse

/// The anchors file (`anchors:` in the configuration): one line of chain heads per `extract`
/// and `run`, appended, for `verify --anchors` to check against the warehouse later.
enum AnchorsFile {
    /// Appends one line (creating the file, mode 0644, when it is not there).
    static func append(_ heads: ChainHeads, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]) else {
                throw UsageError("cannot create the anchors file \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw UsageError("cannot append to the anchors file \(path)") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((heads.line + "\n").utf8))
    }

    /// Every anchor of the file with its line number; blank lines and `#` comments are skipped,
    /// anything else that is not an anchor is an error naming the line.
    static func read(_ path: String) throws -> [(line: Int, heads: ChainHeads)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read the anchors file \(path)") }
        var anchors: [(Int, ChainHeads)] = []
        // Split on every line end, `\r\n` included (one Character, which a split on "\n" never meets).
        let lines = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, text) in lines.enumerated() {
            let line = text.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let heads = ChainHeads(line: line) else {
                throw UsageError("\(path):\(index + 1): not an anchor line (expected `TIME events N HEAD ledger M HEAD`)")
            }
            anchors.append((index + 1, heads))
        }
        return anchors
    }

    /// The one line `extract` and `run` print, for cron mail and syslog to keep.
    static func summary(_ heads: ChainHeads) -> String {
        "chain heads: events \(heads.eventRows) \(heads.eventHead.isEmpty ? "-" : heads.eventHead), ledger \(heads.ledgerEntries) \(heads.ledgerHead.isEmpty ? "-" : heads.ledgerHead)"
    }

    /// Reads the heads now, appends them to the configured file (if any) and returns the summary line.
    static func record(_ configuration: Configuration) async throws -> String {
        let heads = try await Warehouse(path: configuration.warehouse).heads(at: Date())
        if let path = configuration.anchors { try append(heads, to: path) }
        return summary(heads)
    }
}
