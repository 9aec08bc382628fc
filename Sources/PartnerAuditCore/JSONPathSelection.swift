/// The key paths a caller wants from JSON objects, each given a slot: what `JSONParser.select`
/// materialises while it checks (and skips) everything else.
///
/// A path is the keys from the root object down (`["request", "headers", "user-agent"]`);
/// adding the same path twice gives the same slot.
package struct JSONPathSelection: Sendable {
    struct Node: Sendable {
        /// Keys below this node, as UTF-8 bytes, and their nodes.
        var children: [(key: [UInt8], node: Int)] = []
        /// The slot of the path ending here: its value is materialised whole.
        var slot: Int?
        /// Paths that continue below a node with a slot, relative to it: read from its materialised value.
        var below: [(path: [String], slot: Int)] = []
    }

    private(set) var nodes = [Node()]
    /// The slots given so far (every `select` result has this many).
    package private(set) var count = 0
    private var slots: [[String]: Int] = [:]
    /// The nodes laid out flat for `JSONLineScanner`, rebuilt by each `add`.
    private(set) var table = ScanTable(nodes: [Node()])

    package init() {}

    /// The slot of `path` (keys from the root down), given one when it is new.
    package mutating func add(_ path: [String]) -> Int {
        if let known = slots[path] { return known }
        let slot = count
        count += 1
        slots[path] = slot
        var node = 0
        for (depth, key) in path.enumerated() {
            if nodes[node].slot != nil {
                nodes[node].below.append((Array(path[depth...]), slot))
                table = ScanTable(nodes: nodes)
                return slot
            }
            node = child(of: node, key)
        }
        nodes[node].slot = slot
        // Paths already added below this one now read from its materialised value.
        for (other, otherSlot) in slots where other.count > path.count && Array(other.prefix(path.count)) == path {
            nodes[node].below.append((Array(other[path.count...]), otherSlot))
        }
        table = ScanTable(nodes: nodes)
        return slot
    }

    private mutating func child(of node: Int, _ key: String) -> Int {
        let bytes = Array(key.utf8)
        if let found = nodes[node].children.first(where: { $0.key == bytes }) { return found.node }
        nodes.append(Node())
        nodes[node].children.append((bytes, nodes.count - 1))
        return nodes.count - 1
    }
}

extension JSONPathSelection {
    /// The selection's nodes as `JSONLineScanner` walks them: one array of integers and one of
    /// key bytes, read through pointers without a retain a member.
    ///
    /// A node's record is its slot (−1 for none), its number of children, then for each child
    /// the start and length of its key in `keys` and the offset of the child's record. The root's
    /// record is at offset 0.
    struct ScanTable: Sendable {
        private(set) var records: [Int32] = []
        private(set) var keys: [UInt8] = []
        /// Whether every path ends at a node of its own: a path continuing below a selected
        /// value is read from the built value (`Node.below`), which only the full walk does.
        let isFlat: Bool

        init(nodes: [Node]) {
            isFlat = nodes.allSatisfy { $0.below.isEmpty }
            var offsets: [Int32] = []
            var next: Int32 = 0
            for node in nodes {
                offsets.append(next)
                next += 2 + 3 * Int32(node.children.count)
            }
            for node in nodes {
                records.append(Int32(node.slot ?? -1))
                records.append(Int32(node.children.count))
                for (key, child) in node.children {
                    records.append(Int32(keys.count))
                    records.append(Int32(key.count))
                    records.append(offsets[child])
                    keys.append(contentsOf: key)
                }
            }
        }
    }
}
