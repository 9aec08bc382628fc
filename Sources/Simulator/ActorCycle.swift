import PartnerAuditCore

/// Which actor each generated event belongs to: a fixed, seeded cycle of positions.
///
/// Event `i` belongs to the actor at position `i % length`. Because the pattern repeats,
/// the number of events of one actor (or actor type) below any index is arithmetic, and
/// so is the index of its k-th event: a filtered page is found without scanning.
/// Every actor with a weight appears in every stretch of `length` events, so each
/// client's share shows up at every scale of at least `length` events.
struct ActorCycle: Sendable {
    /// The length of the cycle of the planted layout; larger organisations use a multiple of it.
    static let unit = 1000

    /// How many positions the cycle has (a multiple of `unit`).
    let length: Int
    let actors: [SimActor]
    /// The actor index at each position.
    let slots: [Int]
    private let positionsByType: [ActorType: [Int]]
    private let positionsByActor: [String: [Int]]

    /// Builds the cycle from `(actor, weight)` pairs; the last actor takes what remains of `length`.
    init(weighted: [(actor: SimActor, weight: Int)], length: Int = unit, seed: UInt64) {
        self.length = length
        actors = weighted.map(\.actor)
        var slots: [Int] = []
        slots.reserveCapacity(length)
        for (index, entry) in weighted.enumerated() {
            let remaining = length - slots.count
            let count = index == weighted.count - 1 ? remaining : min(entry.weight, remaining)
            slots.append(contentsOf: repeatElement(index, count: max(0, count)))
        }
        // Fisher–Yates with our own generator, so the order never depends on the standard library's shuffle.
        var generator = SeededGenerator(seed: seed, salt: 9)
        if slots.count > 1 {
            for i in stride(from: slots.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                slots.swapAt(i, j)
            }
        }
        self.slots = slots
        var byType: [ActorType: [Int]] = [:]
        var byActor: [String: [Int]] = [:]
        for (position, actorIndex) in slots.enumerated() {
            let actor = actors[actorIndex]
            byType[actor.type, default: []].append(position)
            byActor[actor.id, default: []].append(position)
        }
        positionsByType = byType
        positionsByActor = byActor
    }

    /// The actor of generated event `index`.
    @inline(__always)
    func actor(at index: Int) -> SimActor {
        actors[slots[index % length]]
    }

    /// The generated events a filter lets through, as an index mapping.
    func selection(_ filter: ActorFilter) -> CycleSelection {
        if filter.isNone { return CycleSelection(length: length, positions: nil) }
        var positions: [Int]
        if let id = filter.id {
            positions = positionsByActor[id] ?? []
            if let type = filter.type { positions = positions.filter { actors[slots[$0]].type == type } }
        } else if let type = filter.type {
            positions = positionsByType[type] ?? []
        } else {
            positions = []
        }
        return CycleSelection(length: length, positions: positions)
    }
}

/// The generated events of a filter, numbered by rank: rank ↔ event index in O(log length).
struct CycleSelection: Sendable {
    /// The length of the cycle.
    let length: Int
    /// Sorted cycle positions that pass; `nil` means all of them.
    let positions: [Int]?

    /// How many selected events have an index below `index`.
    func count(below index: Int) -> Int {
        guard let positions else { return index }
        let (cycles, rest) = index.quotientAndRemainder(dividingBy: length)
        return cycles * positions.count + lowerBound(positions, rest)
    }

    /// The event index of the selected event of rank `rank`.
    func index(ofRank rank: Int) -> Int {
        guard let positions, !positions.isEmpty else { return rank }
        let (cycles, rest) = rank.quotientAndRemainder(dividingBy: positions.count)
        return cycles * length + positions[rest]
    }

    private func lowerBound(_ values: [Int], _ target: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
