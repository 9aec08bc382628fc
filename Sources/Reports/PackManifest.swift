import Crypto
import Foundation
import PartnerAuditCore

/// manifest.json: what a pack holds and how to check it (`partner-audit verify --pack DIR`).
///
/// Written last, with sorted keys; `files` lists every other file of the pack by name with its
/// SHA-256 and size. `fingerprint` (format 2) is SHA-256 over the lines `name  sha256\n` of
/// every file but the manifest, in name order, where report.html's line carries the SHA-256 of
/// the page with the fingerprint blanked (`placeholder`): the cover shows the fingerprint, so
/// it names the exact data the page was rendered from and covers the page itself. Format 1
/// left report.html out. Format 3 lists assessment-results.json, outside the fingerprint as
/// report.pdf is: it is written after the page and hashes it.
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
        /// The row ledger's last entry and hash when the pack was made (format 2): with `rows` and
        /// `head`, the anchors this pack relies on (`verify --pack DIR --warehouse W` checks both).
        package var ledgerEntries: Int64?
        package var ledgerHead: String?
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

    /// The format this version writes: 3, with assessment-results.json listed outside the fingerprint.
    package static let currentFormat = 3

    /// What stands for the fingerprint in report.html while the fingerprint is computed (and
    /// when it is checked): 64 characters that are not a hash.
    package static let placeholder = "pending-fingerprint-" + String(repeating: "-", count: 44)

    /// SHA-256 over `name  sha256\n` lines in name order of every file but report.html,
    /// report.pdf, assessment-results.json and manifest.json, and report.html's line with `sealedHTML`
    /// (the page's SHA-256 with the fingerprint blanked) when there is a page.
    package static func fingerprint(of files: [PackFile], sealedHTML: String?) -> String {
        // report.pdf is the page printed, fingerprint and all, and assessment-results.json hashes the page and
        // names the fingerprint: both listed in the manifest, outside the fingerprint.
        let outside = [PackFiles.html, PackFiles.pdf, PackFiles.assessmentResults, PackFiles.manifest]
        var lines = files.filter { !outside.contains($0.name) }.map { ($0.name, $0.sha256) }
        if let sealedHTML { lines.append((PackFiles.html, sealedHTML)) }
        let text = lines.sorted { $0.0 < $1.0 }.map { "\($0.0)  \($0.1)\n" }.joined()
        return FileDigest.sha256(of: Data(text.utf8))
    }

    /// The page with every occurrence of `fingerprint` blanked: what `sealedHTML` is the digest of.
    package static func sealed(_ html: String, fingerprint: String) -> Data {
        Data(html.replacingOccurrences(of: fingerprint, with: placeholder).utf8)
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
