import Foundation

/// Which grant an API call needs: `METHOD <tab> /path/{pattern} <tab> scope [<tab> permission]` lines.
///
/// The scope is the guide dialect's grant; the permission (`domain:entity:action`) the live
/// dialect's, which roles give a client-credentials client. A `details.scope` recorded on the
/// event wins over this map; the map is for calls the platform did not annotate.
package struct EndpointScopeMap: Sendable {
    private struct Entry: Sendable {
        var method: String
        var segments: [Substring]
        var scope: String
        var permission: String?
    }

    private let entries: [Entry]

    private init(entries: [Entry]) { self.entries = entries }

    /// No endpoints: every call's grant is unknown.
    package static let empty = EndpointScopeMap(entries: [])

    /// Parses the file's text; a malformed line is an error naming the file and line.
    package init(text: String, file: String) throws(CatalogDataError) {
        var entries: [Entry] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            guard (3...4).contains(fields.count), fields[1].hasPrefix("/"), !fields[2].isEmpty else {
                throw CatalogDataError(file: file, line: index + 1, message: "expected METHOD<tab>/path<tab>scope[<tab>permission]")
            }
            if fields.count == 4, fields[3].split(separator: ":", omittingEmptySubsequences: false).count != 3 {
                throw CatalogDataError(file: file, line: index + 1, message: "the permission '\(fields[3])' is not domain:entity:action")
            }
            entries.append(Entry(method: fields[0].uppercased(), segments: fields[1].split(separator: "/"), scope: fields[2],
                                 permission: fields.count == 4 ? fields[3] : nil))
        }
        self.entries = entries
    }

    /// The scope a call needs; `nil` when no line matches. Query strings are ignored.
    package func scope(method: String, path: String) -> String? {
        entry(method: method, path: path)?.scope
    }

    /// The scope and the permission (live dialect; `nil` when the line names none) a call needs,
    /// from one lookup; `nil` when no line matches.
    package func grants(method: String, path: String) -> (scope: String, permission: String?)? {
        entry(method: method, path: path).map { ($0.scope, $0.permission) }
    }

    private func entry(method: String, path: String) -> Entry? {
        let bare = path.split(separator: "?", maxSplits: 1).first ?? ""
        let segments = bare.split(separator: "/")
        let verb = method.uppercased()
        return entries.first { entry in
            entry.method == verb && entry.segments.count == segments.count
                && zip(entry.segments, segments).allSatisfy { pattern, actual in
                    (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == actual
                }
        }
    }

    /// Every scope and permission the map mentions.
    package var scopes: Set<String> { Set(entries.map(\.scope) + entries.compactMap(\.permission)) }
}

/// A line of a catalog data file that cannot be read.
package struct CatalogDataError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var message: String

    package var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
