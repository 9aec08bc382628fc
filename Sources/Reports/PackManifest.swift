import Crypto
import Foundation
import PartnerAuditCore

/// manifest.json: what a pack holds and how to check it (`partner-audit verify --pack DIR`).
///
/// Written last, with sorted keys; `files` lists every other file of the pack by name with its
/// SHA-256 and size. `fingerprint` is SHA-256 over the lines `name  sha256\n` of the data
/// files (everything but report.html and the manifest, in name order): report.html's cover
/// shows it, so the page names the exact data it was rendered from.
package struct PackManifest: Sendable, Codable, Equatable {
    package struct Tool: Sendable, Codable, Equatable {
        package var name: String
        package var version: String
    }

    package struct Period: Sendable, Codable, Equatable {
        package var name: String
        package var from: String
        package var to: String
    }

    package struct Chain: Sendable, Codable, Equatable {
        /// Rows of the whole chain when the pack was made, and the head (hash of the last row).
        package var rows: Int64
        package var head: String
        package var intact: Bool
        /// The row and hash the period's last extraction window recorded: the head that seals the period's evidence.
        package var periodSeq: Int64?
        package var periodHead: String?
    }

    /// The manifest's own format; raised when its meaning changes.
    package var formatVersion: Int
    package var tool: Tool
    package var organization: String
    package var period: Period
    package var frameworks: [String]
    package var generatedAt: String
    /// The command line that made the pack (values of secret-looking flags redacted).
    package var commandLine: [String]
    package var chain: Chain
    package var files: [PackFile]
    package var fingerprint: String

    /// The fingerprint of data files: SHA-256 over `name  sha256\n` lines in name order, leaving out report.html and manifest.json.
    package static func fingerprint(of files: [PackFile]) -> String {
        let lines = files.filter { $0.name != PackFiles.html && $0.name != PackFiles.manifest }
            .sorted { $0.name < $1.name }.map { "\($0.name)  \($0.sha256)\n" }.joined()
        return FileDigest.sha256(of: Data(lines.utf8))
    }

    /// The manifest's bytes: pretty-printed JSON with sorted keys and a final newline.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
