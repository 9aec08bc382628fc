import Hummingbird
import PartnerAuditCore

/// Renders one page of a transaction's results: `{"id", "pageSize", "cursor"?, "entities"}`.
///
/// The results are the transaction's events sorted by `(timestamp, id)`; each is written
/// in the guide dialect, parsed back and written as a live message, one page at a time,
/// so memory stays flat whatever the size of the log.
struct LiveResultsPage {
    let transaction: AuditTransaction
    /// Where the page starts among the transaction's events.
    let offset: Int
    let pageSize: Int

    /// The page's body and how many events it holds.
    func render(_ message: LiveAuditMessage) -> (body: ByteBuffer, events: Int) {
        let snapshot = transaction.snapshot
        let selection = snapshot.select(transaction.window)
        let count = max(0, min(pageSize, selection.total - offset))
        var writer = JSONWriter(capacity: 128 + 900 * count)
        writer.raw("{"); writer.key("id"); writer.plainString(transaction.id)
        writer.raw(","); writer.key("pageSize"); writer.int(pageSize)
        if offset + count < selection.total {
            let next = ResultsCursor(transactionID: transaction.id, offset: offset + count)
            writer.raw(","); writer.key("cursor"); writer.plainString(next.text)
        }
        writer.raw(","); writer.key("entities"); writer.raw("[")
        var scratch = JSONWriter(capacity: 1024)
        var first = true
        var served = 0
        selection.forEach(offset: offset, limit: count) { entry in
            let parsed: JSONValue?
            switch entry {
            case .generated(let index):
                scratch.bytes.removeAll(keepingCapacity: true)
                snapshot.generated.write(index, to: &scratch)
                parsed = try? JSONParser.parse(scratch.bytes)
            case .planted(let planted):
                parsed = try? JSONParser.parse(planted.json)
            }
            // The simulator wrote every event itself, so each parses; `nil` cannot happen.
            guard let parsed else { return }
            writer.comma(&first)
            message.write(parsed, to: &writer)
            served += 1
        }
        writer.raw("]}")
        return (writer.buffer, served)
    }
}
