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
    /// How long the window is.
    package var duration: TimeSpan { TimeSpan(milliseconds: durationMillis) }

    /// The `span` of time that ends at `end`: `[end - span, end)`.
    package init(last span: TimeSpan, endingAt end: Int64) {
        self.init(fromMillis: end - span, toMillis: end)
    }
    package var description: String { "[\(Timestamp.format(milliseconds: fromMillis)), \(Timestamp.format(milliseconds: toMillis)))" }

    /// Consecutive windows of at most `length` covering this one (the whole window when
    /// `length` is not positive).
    package func split(every length: TimeSpan) -> [TimeWindow] {
        let lengthMillis = length.milliseconds
        guard lengthMillis > 0 else { return isEmpty ? [] : [self] }
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
