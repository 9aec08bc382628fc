/// The events of one window, as two sorted sequences merged on demand by `(timestamp, id)`.
struct AuditLogSelection {
    let generated: GeneratedEvents
    let selection: CycleSelection
    /// The ranks (in the selection) of the window's generated events.
    let ranks: Range<Int>
    let planted: ArraySlice<PlantedEvent>

    /// How many events the window holds.
    var total: Int { ranks.count + planted.count }

    /// Visits the merged events at positions `offset ..< offset + limit`, in order.
    func forEach(offset: Int, limit: Int, _ visit: (AuditLogEntry) -> Void) {
        guard offset < total, limit > 0 else { return }
        let countA = ranks.count, countB = planted.count
        var a = split(offset, countA, countB)
        var b = offset - a
        for _ in 0..<min(limit, total - offset) {
            if b < countB, a == countA || !generatedPrecedes(a, b) {
                visit(.planted(planted[planted.startIndex + b]))
                b += 1
            } else {
                visit(.generated(index(a)))
                a += 1
            }
        }
    }

    /// How many of the first `k` merged events are generated: the smallest `a` with `A[a]` after `B[k-a-1]`.
    private func split(_ k: Int, _ countA: Int, _ countB: Int) -> Int {
        var low = max(0, k - countB), high = min(k, countA)
        while low < high {
            let a = (low + high) / 2
            let b = k - a
            if b > 0, a < countA, generatedPrecedes(a, b - 1) { low = a + 1 } else { high = a }
        }
        return low
    }

    /// The event index of the `a`-th generated event of the window.
    @inline(__always)
    private func index(_ a: Int) -> Int {
        selection.index(ofRank: ranks.lowerBound + a)
    }

    /// Whether the `a`-th generated event sorts before the `b`-th planted one.
    private func generatedPrecedes(_ a: Int, _ b: Int) -> Bool {
        let eventIndex = index(a)
        let timestamp = generated.timeline.timestamp(eventIndex)
        let other = planted[planted.startIndex + b]
        if timestamp != other.timestamp { return timestamp < other.timestamp }
        return GeneratedEvents.id(eventIndex) < other.id
    }
}
