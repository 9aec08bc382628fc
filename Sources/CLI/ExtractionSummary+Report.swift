import Extractor
import PartnerAuditCore

extension ExtractionSummary {
    /// The lines `extract` and `demo` print on stdout.
    func report(warehouse: String) -> String {
        """
        extracted \(range) into \(warehouse)
          clients:  \(clients) (\(clientChanges) new or changed snapshots)
          windows:  \(windows), pages: \(pages), requests: \(requests) (\(rateLimited) answered 429)
          events:   \(eventsStored) new, \(eventsSeen) read
        """
    }
}
