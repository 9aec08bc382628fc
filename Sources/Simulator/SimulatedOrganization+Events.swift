import Foundation
import PartnerAuditCore

extension SimulatedOrganization {
    /// The ids of every event visible at `moment` in the organisation's dialect, sorted by `(timestamp, id)`.
    ///
    /// Exactly what a complete extraction up to `moment` must store: in the live dialect, every
    /// event but the API requests, which its audit log does not record. Materialises the list:
    /// meant for test scales (up to about 100 000 events).
    package func eventIDs(visibleAt moment: Date) -> [String] {
        ids(in: everything(visibleAt: moment))
    }

    /// The ids of the events visible at `moment` in the organisation's dialect whose timestamp lies in `[from, to)`, sorted by `(timestamp, id)`.
    package func eventIDs(visibleAt moment: Date, from: Date, to: Date) -> [String] {
        ids(in: AuditLogWindow(from: Timestamp.milliseconds(from), to: Timestamp.milliseconds(to), now: Timestamp.milliseconds(moment)))
    }

    private func ids(in window: AuditLogWindow) -> [String] {
        let selection = snapshot().select(window)
        var ids: [String] = []
        ids.reserveCapacity(selection.total)
        let live = options.dialect == .live
        selection.forEach(offset: 0, limit: selection.total) { entry in
            guard !live || entry.isLiveAudited(generated) else { return }
            switch entry {
            case .generated(let index): ids.append(GeneratedEvents.id(index))
            case .planted(let event): ids.append(event.id)
            }
        }
        return ids
    }

    /// How many events are visible at `moment` in the guide dialect (API requests included); cheap at any scale.
    package func eventCount(visibleAt moment: Date) -> Int {
        snapshot().select(everything(visibleAt: moment)).total
    }

    /// How many events are generated (the rest are planted).
    package var generatedEventCount: Int { generated.count }

    private func everything(visibleAt moment: Date) -> AuditLogWindow {
        AuditLogWindow(from: Int64.min, to: Int64.max, now: Timestamp.milliseconds(moment))
    }
}
