/// When generated event `i` happened: slot arithmetic with seeded jitter.
///
/// The range `[rangeStart, rangeStart + span)` is cut into `count` slots; event `i` lies
/// inside slot `i`, so timestamps strictly increase with `i` (a slot is at least 1 ms wide)
/// and the first event at or after a moment is a binary search over `i`.
struct EventTimeline: Sendable {
    let seed: UInt64
    /// The first millisecond of the range.
    let rangeStart: Int64
    /// The width of the range in milliseconds (≥ `count`).
    let span: Int64
    /// How many events are generated.
    let count: Int

    /// The timestamp of event `index` in milliseconds since 1970.
    @inline(__always)
    func timestamp(_ index: Int) -> Int64 {
        let slot = slotStart(index)
        let width = slotStart(index + 1) - slot
        return slot + Int64(SeededHash.hash(seed, 7, UInt64(index)) % UInt64(width))
    }

    /// The smallest index whose timestamp is at or after `moment` (`count` if none).
    func firstIndex(atOrAfter moment: Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if timestamp(mid) < moment { low = mid + 1 } else { high = mid }
        }
        return low
    }

    @inline(__always)
    private func slotStart(_ index: Int) -> Int64 {
        rangeStart + Int64(index) * span / Int64(max(count, 1))
    }
}
