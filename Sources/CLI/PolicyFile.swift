import Crypto
import Foundation
import PartnerAuditCore
import Rules

/// The policy the rules run under, and a digest that identifies it in evaluations and reports.
struct LoadedPolicy {
    var policy: Policy
    /// SHA-256 of the file's bytes, or `defaults` when there is no file.
    var digest: String
    var path: String?

    /// Reads the configured policy file, strictly; a missing file means the defaults.
    static func load(_ path: String) throws -> LoadedPolicy {
        guard let policy = try Policy.load(path: path, knownRuleIDs: RuleCatalog.ids) else {
            return LoadedPolicy(policy: Policy(), digest: "defaults", path: nil)
        }
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return LoadedPolicy(policy: policy, digest: digest, path: path)
    }
}
