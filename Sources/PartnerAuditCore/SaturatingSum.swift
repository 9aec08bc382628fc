/// Sums of counts read back from a warehouse, held at the ends of `Int` instead of trapping:
/// what the tool stores is bounded (a usage count is at most `Int32.max`), but a count raised
/// behind its back is not, and evaluating such a warehouse must end in exit 4, not a crash.
extension Int {
    /// `self + other`, or `Int.max` / `Int.min` where that overflows.
    package func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// Adds `other` in place, held at the ends of `Int` (`addingSaturated`).
    package mutating func addSaturating(_ other: Int) {
        self = addingSaturated(other)
    }
}

extension Sequence {
    /// The sum of `count` over the elements, held at the ends of `Int` (`Int.addingSaturated`).
    package func saturatingSum(_ count: (Element) -> Int) -> Int {
        reduce(0) { $0.addingSaturated(count($1)) }
    }
}
