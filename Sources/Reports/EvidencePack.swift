import Foundation
import Warehouse

/// A pack that was written: where, which files, and the manifest's own hash.
package struct EvidencePack: Sendable, Hashable {
    /// The pack's folder.
    package var folder: URL
    /// Every file the manifest lists, by name, with its SHA-256 and size.
    package var files: [PackFile]
    /// SHA-256 (hex) of manifest.json's bytes: what an auditor can note down to pin the pack.
    package var manifestSHA256: String
    /// The content fingerprint the cover shows (see `PackManifest.fingerprint`).
    package var fingerprint: String
    /// How many findings the pack holds (findings.json).
    package var findingCount: Int
    /// How many events events.csv.gz holds.
    package var eventCount: Int
    /// The warehouse's hash chain as the pack found it (the coverage section shows it).
    package var chain: ChainVerification

    /// The path of one of the pack's files.
    package func url(of name: String) -> URL { folder.appendingPathComponent(name) }
}
