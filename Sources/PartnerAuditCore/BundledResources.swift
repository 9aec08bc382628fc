import Foundation

/// The resource bundles SwiftPM builds beside the executable (`PartnerAudit_Reports.resources`,
/// `PartnerAudit_Rules.resources`), found by hand.
///
/// `Bundle.module` stops the process when its bundle is missing; this returns `nil` instead,
/// so a binary installed without them fails with a message (`scripts/install` lays them out).
/// Looked for beside the main bundle and beside the executable, symbolic links resolved (an
/// installed `bin/partner-audit` is a link to `lib/partner-audit/partner-audit`).
package enum BundledResources {
    /// The folders where `relativePath` inside the bundle named `bundle` could be, in order.
    package static func candidates(bundle: String, _ relativePath: String) -> [URL] {
        let name = "\(bundle).resources"
        var roots: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() { roots.append(executable) }
        return roots.flatMap { [$0.appendingPathComponent(name).appendingPathComponent(relativePath),
                                $0.appendingPathComponent(name).appendingPathComponent("Resources").appendingPathComponent(relativePath)] }
    }

    /// The first candidate that exists.
    package static func folder(bundle: String, _ relativePath: String) -> URL? {
        candidates(bundle: bundle, relativePath).first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
