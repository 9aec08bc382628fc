import PartnerAuditCore
import Source

extension AuditLogSource {
    /// For a source that does not say how many events a window holds (the live dialect), or says
    /// too few: once more than twice the limit have been read, the whole window's size estimated
    /// from how far into it they reach (results are sorted by time), so it is split before memory grows.
    func estimatedTotal(of window: TimeWindow, count: Int, reaching lastMillis: Int64) -> Int? {
        guard count > 2 * settings.maxEventsPerWindow else { return nil }
        let covered = min(max(lastMillis - window.fromMillis, 1), window.durationMillis)
        return Int((Double(count) * Double(window.durationMillis) / Double(covered)).rounded(.up))
    }

    /// The parts a window holding `total` events is read in instead: each about
    /// `maxEventsPerWindow`, none shorter than `finestWindow`.
    ///
    /// - Throws: `SourceError(.tooManyEvents)` naming the window when even that is not enough: the
    ///   window is already no longer than `finestWindow`, or `total` is more than the limit for every
    ///   finest slot of it (so at least one slot would still hold too many).
    func split(_ window: TimeWindow, holding total: Int) throws(SourceError) -> [TimeWindow] {
        let finest = settings.finestWindow.milliseconds
        let slots = (window.durationMillis + finest - 1) / finest
        let limit = settings.maxEventsPerWindow
        guard window.durationMillis > finest, Double(total) <= Double(limit) * Double(slots) else {
            throw SourceError(.tooManyEvents, request: "audit log of window \(window)", message:
                "the source says (or its pages show) the window holds \(total) events: more than \(limit) in a window of "
                + "\(finest / 1000) s, the finest this tool splits, so it cannot be read in bounded memory; nothing of it was stored")
        }
        let parts = Int64((Double(total) / Double(limit)).rounded(.up)) + 1
        let length = max(finest, (window.durationMillis + parts - 1) / parts)
        return window.split(every: TimeSpan(milliseconds: length))
    }
}
