/// A half-open interval of time, `[from, to)`, in milliseconds since 1970.
package struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    package var fromMillis: Int64
    package var toMillis: Int64

    package init(fromMillis: Int64, toMillis: Int64) {
        self.fromMillis = fromMillis
        self.toMillis = toMillis
    }

    package var isEmpty: Bool { toMillis <= fromMillis }
    package var durationMillis: Int64 { toMillis - fromMillis }
    package var description: String { "[\(Timestamp.format(milliseconds: fromMillis)), \(Timestamp.format(milliseconds: toMillis)))" }

    /// Consecutive windows of at most `length` covering this one.
    package func split(every lengthMillis: Int64) -> [TimeWindow] {
        precondition(lengthMillis > 0)
        var out: [TimeWindow] = []
        var start = fromMillis
        while start < toMillis {
            let end = min(start + lengthMillis, toMillis)
            out.append(TimeWindow(fromMillis: start, toMillis: end))
            start = end
        }
        return out
    }
}
