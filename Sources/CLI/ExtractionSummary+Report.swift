import Extractor
import PartnerAuditCore

extension ExtractionSummary {
    /// The lines `extract` and `demo` print on stdout.
    func report(warehouse: String) -> String {
        var lines = [
            "extracted \(range) into \(warehouse)",
            "  clients:  \(clients) (\(clientChanges) new or changed snapshots)",
            "  windows:  \(windows), pages: \(pages), requests: \(requests) (\(rateLimited) answered 429)",
            "  events:   \(eventsStored) new, \(eventsSeen) read",
            requestsAgainstMinimum,
        ]
        if let audit = sources.first(where: { $0.source == .auditLog }), audit.itemsRejected > 0 {
            lines.append("  left out: \(audit.itemsRejected) audit event\(audit.itemsRejected == 1 ? "" : "s") that cannot be read (recorded with their windows; AT-1 reports them)")
            lines += audit.rejections.map { "    left out \(TerminalText.escaped($0))" }
        }
        if let gateway = sources.first(where: { $0.source == .gateway }) {
            lines.append("  gateway:  \(gateway.itemsStored) new requests, \(gateway.itemsSeen) lines read in \(gateway.pages) files, \(gateway.itemsRejected) rejected")
            lines += gateway.rejections.map { "    rejected \(TerminalText.escaped($0))" }
        }
        for source in sources {
            if let reason = source.unavailable { lines.append("  \(source.source): not read (\(reason)); its rules are not testable") }
        }
        for read in registries.sorted(by: { $0.kind < $1.kind }) {
            switch read {
            case .read(let registry):
                lines.append("  registry: \(registry.kind.title), \(registry.entries.count) entries")
            case .unavailable(let kind, let reason):
                lines.append("  registry: \(kind.title) not read (\(reason)); WS-2 uses the shipped list")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `requests: 212 made, 201 the fewest possible (1.05×)`: the fewest being the fixed reads
    /// (token, clients, registries) and each source's result pages, queries and one poll a query.
    private var requestsAgainstMinimum: String {
        let ratio = minimumRequests > 0 ? String(format: "%.2f", Double(requests) / Double(minimumRequests)) : "-"
        return "  requests: \(requests) made, \(minimumRequests) the fewest possible (\(ratio)×: \(fixedRequests) fixed reads, "
            + "then each source's result pages, queries and one poll a query)"
    }
}
