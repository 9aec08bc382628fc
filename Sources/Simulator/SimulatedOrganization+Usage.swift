import Foundation
import PartnerAuditCore

extension SimulatedOrganization {
    /// The API Usage rows the live dialect serves for `[from, to)` as seen at `moment`, sorted
    /// by client, day, template and method: exactly what a complete usage extraction must store.
    package func usageRows(from: Date, to: Date, visibleAt moment: Date) -> [APIUsageRow] {
        let tally = UsageTally(snapshot: snapshot(), from: Timestamp.milliseconds(from), to: Timestamp.milliseconds(to),
                               now: Timestamp.milliseconds(moment))
        let names = Dictionary(clients.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return tally.figures.sorted { $0.key < $1.key }.map { key, figures in
            APIUsageRow(clientID: key.clientID, clientName: names[key.clientID] ?? "", templateURI: key.templateURI,
                        method: key.method, day: key.day, figures: figures)
        }
    }
}
