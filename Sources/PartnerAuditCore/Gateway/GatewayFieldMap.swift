/// Where each `GatewayField` sits in a line's JSON object: dotted paths, tried in order.
///
/// A path `a.b.c` is first looked up as one literal key (AWS templates often write flat keys such
/// as `"authorizer.principalId"`), then as nested objects `a` → `b` → `c`.
package struct GatewayFieldMap: Sendable, Equatable {
    package private(set) var paths: [GatewayField: [[String]]] = [:]
    /// The paths as `JSONParser.select` reads them, and each candidate's slots: its literal key
    /// (for a dotted path) and its nested path.
    package private(set) var selection = JSONPathSelection()
    /// Indexed by `GatewayField.index`: a line's fields are looked up without hashing.
    private var slots: [[(flat: Int?, nested: Int)]] = []

    package init() {}

    /// A map from each field to its candidate paths, dotted (`"consumer.custom_id"`).
    package init(_ candidates: [GatewayField: [String]]) {
        for (field, list) in candidates { paths[field] = list.map(Self.split) }
        select()
    }

    package static func == (lhs: GatewayFieldMap, rhs: GatewayFieldMap) -> Bool { lhs.paths == rhs.paths }

    /// The candidate paths of `field`, each split on dots.
    package func candidates(_ field: GatewayField) -> [[String]] { paths[field] ?? [] }

    /// Sets `field`'s one path (a `fields:` entry).
    package mutating func set(_ field: GatewayField, to dotted: String) {
        paths[field] = [Self.split(dotted)]
        select()
    }

    /// The required fields without a path.
    package var missingRequired: [GatewayField] {
        GatewayField.allCases.filter { $0.isRequired && (paths[$0] ?? []).isEmpty }
    }

    /// The first non-null value `field`'s paths found, from the slots `JSONParser.select(_:selection)`
    /// filled: for each path, its literal key when a dotted one is present (even null), else the
    /// nested path.
    package func value(_ field: GatewayField, in selected: [JSONValue?]) -> JSONValue? {
        slot(field, in: selected).flatMap { selected[$0] }
    }

    /// The slot `value(_:in:)` takes `field`'s value from, or nil when it found none.
    package func slot(_ field: GatewayField, in selected: [JSONValue?]) -> Int? {
        for candidate in slots[field.index] {
            let slot = candidate.flat.flatMap { selected[$0] != nil ? $0 : nil } ?? candidate.nested
            if let found = selected[slot], found != .null { return slot }
        }
        return nil
    }

    private mutating func select() {
        selection = JSONPathSelection()
        slots = GatewayField.allCases.map { field in
            candidates(field).map { path in
                (flat: path.count > 1 ? selection.add([path.joined(separator: ".")]) : nil, nested: selection.add(path))
            }
        }
    }

    private static func split(_ dotted: String) -> [String] { dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
}
