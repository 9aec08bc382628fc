import Foundation
import PartnerAuditCore

/// The rule engine's data files: the endpoint → scope map, the known-scope registry and the
/// platform's endpoint map (`endpoint-scope-permission-map.tsv`, which the API Usage rows are
/// read through).
///
/// Shipped in the package (`Sources/Rules/Data/`); a folder named by the configuration's
/// `catalog` key replaces them without a release.
package struct ScopeCatalog: Sendable {
    package static let endpointFile = "endpoint-scopes.tsv"
    package static let knownScopesFile = "known-scopes.txt"
    package static let platformMapFile = "endpoint-scope-permission-map.tsv"

    package let endpoints: EndpointScopeMap
    /// The public API definition's operations: what each endpoint template requires.
    package let platform: PlatformEndpointMap
    /// Every scope the platform grants today.
    package let knownScopes: Set<String>

    package init(endpoints: EndpointScopeMap, knownScopes: Set<String>, platform: PlatformEndpointMap = .empty) {
        self.endpoints = endpoints
        self.knownScopes = knownScopes
        self.platform = platform
    }

    /// No endpoints and no known scopes: for rules that read neither (the audit trail's).
    package static let none = ScopeCatalog(endpoints: .empty, knownScopes: [])

    /// Loads the files from `folder`, or the shipped copies when `folder` is nil; a folder
    /// without the platform map uses the shipped one.
    package static func load(folder: String? = nil) throws -> ScopeCatalog {
        let base = folder.map { URL(fileURLWithPath: $0) } ?? BundledResources.folder(bundle: "PartnerAudit_Rules", "Data")
        guard let base else {
            throw CatalogDataError(file: "PartnerAudit_Rules.resources/Data", line: nil,
                                   message: "the shipped catalog is not beside the binary: install it with scripts/install, or point `catalog:` at a copy of Sources/Rules/Data")
        }
        func read(_ name: String, in base: URL = base) throws -> (String, String) {
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
        let shipped = BundledResources.folder(bundle: "PartnerAudit_Rules", "Data")
        let platformBase = FileManager.default.fileExists(atPath: base.appendingPathComponent(platformMapFile).path) ? base : (shipped ?? base)
        let (platformText, platformPath) = try read(platformMapFile, in: platformBase)
        return ScopeCatalog(endpoints: try EndpointScopeMap(text: mapText, file: mapPath), knownScopes: Set(known),
                            platform: try PlatformEndpointMap(text: platformText, file: platformPath))
    }
}
