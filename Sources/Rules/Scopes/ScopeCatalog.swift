import Foundation
import PartnerAuditCore

/// The rule engine's data files: the endpoint → scope map and the known-scope registry.
///
/// Shipped in the package (`Sources/Rules/Data/`); a folder named by the configuration's
/// `catalog` key replaces them without a release.
package struct ScopeCatalog: Sendable {
    package static let endpointFile = "endpoint-scopes.tsv"
    package static let knownScopesFile = "known-scopes.txt"

    package let endpoints: EndpointScopeMap
    /// Every scope the platform grants today.
    package let knownScopes: Set<String>

    package init(endpoints: EndpointScopeMap, knownScopes: Set<String>) {
        self.endpoints = endpoints
        self.knownScopes = knownScopes
    }

    /// Loads both files from `folder`, or the shipped copies when `folder` is nil.
    /// No endpoints and no known scopes: for rules that read neither (the audit trail's).
    package static let none = ScopeCatalog(endpoints: .empty, knownScopes: [])

    package static func load(folder: String? = nil) throws -> ScopeCatalog {
        let base = folder.map { URL(fileURLWithPath: $0) } ?? BundledResources.folder(bundle: "PartnerAudit_Rules", "Data")
        guard let base else {
            throw CatalogDataError(file: "PartnerAudit_Rules.resources/Data", line: nil,
                                   message: "the shipped catalog is not beside the binary: install it with scripts/install, or point `catalog:` at a copy of Sources/Rules/Data")
        }
        func read(_ name: String) throws -> (String, String) {
            let url = base.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CatalogDataError(file: url.path, line: nil, message: "cannot be read")
            }
            return (String(decoding: data, as: UTF8.self), url.path)
        }
        let (mapText, mapPath) = try read(endpointFile)
        let (knownText, _) = try read(knownScopesFile)
        let known = knownText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return ScopeCatalog(endpoints: try EndpointScopeMap(text: mapText, file: mapPath), knownScopes: Set(known))
    }
}
