/// The audit log at one moment: the generated stream and a copy of the planted events.
///
/// Answers a window without scanning: the generated events of a window are a range of
/// ranks (binary search over the timeline plus cycle arithmetic), the planted ones a
/// slice (binary search), and a page's offset is the k-th of the two sorted sequences.
struct AuditLogSnapshot: Sendable {
    let generated: GeneratedEvents
    /// Sorted by `(timestamp, id)`.
    let planted: [PlantedEvent]
    /// The latest `visibleAt` of any late planted event (`Int64.min` if none): before it, visibility must be checked.
    let latestLateVisibility: Int64

    /// The events of a window, ready to be counted and paged.
    func select(_ window: AuditLogWindow) -> AuditLogSelection {
        let selection = generated.cycle.selection(window.filter)
        let upper = min(window.to, window.now == Int64.max ? Int64.max : window.now + 1)
        let firstIndex = generated.timeline.firstIndex(atOrAfter: window.from)
        let endIndex = upper <= window.from ? firstIndex : generated.timeline.firstIndex(atOrAfter: upper)
        let low = selection.count(below: firstIndex)
        let high = selection.count(below: max(endIndex, firstIndex))

        let plantedLow = lowerBound(window.from)
        let plantedHigh = max(lowerBound(upper), plantedLow)
        var slice = planted[plantedLow..<plantedHigh]
        if !window.filter.isNone || window.now < latestLateVisibility {
            slice = ArraySlice(slice.filter {
                $0.visibleAt <= window.now && window.filter.matches(type: $0.actorType, id: $0.actorId)
            })
        }
        return AuditLogSelection(generated: generated, selection: selection, ranks: low..<high, planted: slice)
    }

    /// The first planted index whose timestamp is at or after `moment`.
    private func lowerBound(_ moment: Int64) -> Int {
        var low = 0, high = planted.count
        while low < high {
            let mid = (low + high) / 2
            if planted[mid].timestamp < moment { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
