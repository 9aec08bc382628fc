import Foundation
import PartnerAuditCore

extension PackVerifier {
    /// Where assessment-results.json's back-matter and manifest.json hash the pack's files
    /// differently: two files the manifest vouches for that tell different stories (a manifest
    /// rewritten after a file changed, say).
    ///
    /// Only asked when assessment-results.json itself matches the manifest; otherwise that
    /// mismatch is the problem already named.
    static func oscalDisagreements(_ manifest: PackManifest, in folder: URL) -> [String] {
        let name = PackFiles.assessmentResults
        guard let bytes = plainContents(folder.appendingPathComponent(name)),
              let document = try? JSONParser.parse([UInt8](bytes)) else {
            return ["\(name): cannot be read as JSON to compare with \(PackFiles.manifest)"]
        }
        var hashed: [String: String] = [:]
        for resource in document["assessment-results"]?["back-matter"]?["resources"]?.arrayValue ?? [] {
            for link in resource["rlinks"]?.arrayValue ?? [] {
                guard let href = link["href"]?.stringValue,
                      let hash = link["hashes"]?.arrayValue?.first(where: { $0["algorithm"]?.stringValue == "SHA-256" }) else { continue }
                hashed[href] = hash["value"]?.stringValue ?? ""
            }
        }
        var problems: [String] = []
        let properties = document["assessment-results"]?["metadata"]?["props"]?.arrayValue ?? []
        let named = properties.first { $0["name"]?.stringValue == "pack-fingerprint" }?["value"]?.stringValue
        if named != manifest.fingerprint {
            problems.append("\(name) and \(PackFiles.manifest) disagree on the pack's fingerprint: \(named ?? "(none)") against \(manifest.fingerprint)")
        }
        for file in manifest.files where file.name != name {
            switch hashed.removeValue(forKey: file.name) {
            case nil: problems.append("\(name) does not hash \(file.name), which \(PackFiles.manifest) lists")
            case file.sha256?: break
            case let other?: problems.append("\(name) and \(PackFiles.manifest) disagree on the SHA-256 of \(file.name): \(other) against \(file.sha256)")
            }
        }
        problems += hashed.keys.sorted().map { "\(name) hashes \($0), which \(PackFiles.manifest) does not list" }
        return problems
    }
}
