import Crypto
import Foundation

/// The stable identity of a finding: the same rule, client and subject give the same fingerprint.
package enum Fingerprint {
    /// The first 20 hex digits of SHA-256(rule id, client id, subject).
    package static func of(ruleID: String, clientID: String, subject: String) -> String {
        let digest = SHA256.hash(data: Data("\(ruleID)\u{1F}\(clientID)\u{1F}\(subject)".utf8))
        return String(digest.map { String(format: "%02x", $0) }.joined().prefix(20))
    }
}
