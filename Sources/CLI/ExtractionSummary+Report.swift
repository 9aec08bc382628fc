import Extractor
import PartnerAuditCore

extension ExtractionSummary {
    /// The lines `extract` and `demo` print on stdout.
    func report(warehouse: String) -> String {
        var text = """
            extracted \(range) into \(warehouse)
              clients:  \(clients) (\(clientChanges) new or changed snapshots)
              windows:  \(windows), pages: \(pages), requests: \(requests) (\(rateLimited) answered 429)
              events:   \(eventsStored) new, \(eventsSeen) read
            """
        if let gateway = sources.first(where: { $0.source == .gateway }) {
            text += "\n  gateway:  \(gateway.itemsStored) new requests, \(gateway.itemsSeen) lines read in \(gateway.pages) files, \(gateway.itemsRejected) rejected"
            for rejection in gateway.rejections { text += "\n    rejected \(TerminalText.escaped(rejection))" }
        }
        return text
    }
}
