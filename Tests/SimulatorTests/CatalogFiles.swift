import Foundation
@testable import Simulator

/// The repository's catalog files, read the way the rule engine reads them.
enum CatalogFiles {
    /// The folder holding the catalog files: `Sources/Rules/Data/` (or the older `catalog/`), found from this file's path.
    static var directory: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [root.appendingPathComponent("Sources/Rules/Data"), root.appendingPathComponent("catalog")]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("endpoint-scopes.tsv").path) }
            ?? candidates[0]
    }

    /// `(method, pattern, scope)` rows of `endpoint-scopes.tsv` (the permission column is left out).
    static func endpointScopes() throws -> [(method: String, pattern: String, scope: String)] {
        let text = try String(contentsOf: directory.appendingPathComponent("endpoint-scopes.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 3 ? (fields[0], fields[1], fields[2]) : nil
        }
    }

    /// `(method, pattern, permission)` rows of `endpoint-scopes.tsv` that name a permission (the 4th column).
    static func endpointPermissions() throws -> [(method: String, pattern: String, permission: String)] {
        let text = try String(contentsOf: directory.appendingPathComponent("endpoint-scopes.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 4 ? (fields[0], fields[1], fields[3]) : nil
        }
    }

    /// The scopes of `known-scopes.txt`.
    static func knownScopes() throws -> Set<String> {
        let text = try String(contentsOf: directory.appendingPathComponent("known-scopes.txt"), encoding: .utf8)
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty })
    }

    /// The scope a call needs by the catalog, `nil` if no row matches (`{x}` matches one path segment).
    static func scope(method: String, path: String, rows: [(method: String, pattern: String, scope: String)]) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return rows.first { row in
            let pattern = row.pattern.split(separator: "/", omittingEmptySubsequences: false)
            return row.method == method && pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.scope
    }

    /// A CIDR's block, or `nil` when malformed.
    static func block(_ cidr: String) -> NetworkBlock? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let base = NetworkBlock.parse(String(parts[0])), let prefix = Int(parts[1]), (0...32).contains(prefix) else {
            return nil
        }
        return NetworkBlock(base: base, prefix: prefix)
    }
}
