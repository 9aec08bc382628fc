import Hummingbird
import PartnerAuditCore

/// Renders one page of a transaction's results.
///
/// The results are the transaction's events sorted by `(timestamp, id)`, those the live audit
/// log records (`AuditLogEntry.isLiveAudited`: no API requests); a page covers `pageSize`
/// positions of the transaction's log, so one may hold fewer messages, or none, and still lead
/// on. Each event is written in the guide dialect, parsed back and written as a live message,
/// one page at a time, so memory stays flat whatever the size of the log.
struct LiveResultsPage {
    let transaction: AuditTransaction
    /// Where the page starts among the transaction's events.
    let offset: Int
    let pageSize: Int

    /// The cursor of the next page; `nil` on the last.
    var nextCursor: ResultsCursor? {
        let total = transaction.snapshot.select(transaction.window).total
        let end = offset + max(0, min(pageSize, total - offset))
        return end < total ? ResultsCursor(transactionID: transaction.id, offset: end) : nil
    }

    /// A results page: `{"id", "pageSize", "cursor"?, "entities"}`, and how many messages it holds.
    func render(_ message: LiveAuditMessage) -> (body: ByteBuffer, events: Int) {
        var writer = JSONWriter(capacity: 128 + 900 * pageSize)
        writer.raw("{"); writer.key("id"); writer.plainString(transaction.id)
        writer.raw(","); writer.key("pageSize"); writer.int(pageSize)
        if let next = nextCursor {
            writer.raw(","); writer.key("cursor"); writer.plainString(next.text)
        }
        writer.raw(","); writer.key("entities")
        let served = writeMessages(message, dateField: .eventDate, to: &writer)
        writer.raw("}")
        return (writer.buffer, served)
    }

    /// A downloaded page: the bare JSON array of messages, dated by `eventTime`.
    func renderDownload(_ message: LiveAuditMessage) -> (body: ByteBuffer, events: Int) {
        var writer = JSONWriter(capacity: 16 + 900 * pageSize)
        let served = writeMessages(message, dateField: .eventTime, to: &writer)
        return (writer.buffer, served)
    }

    /// `[message, …]` of the page's audited events; returns how many were written.
    private func writeMessages(_ message: LiveAuditMessage, dateField: LiveAuditMessage.DateField, to writer: inout JSONWriter) -> Int {
        let snapshot = transaction.snapshot
        let selection = snapshot.select(transaction.window)
        let count = max(0, min(pageSize, selection.total - offset))
        writer.raw("[")
        var scratch = JSONWriter(capacity: 1024)
        var first = true
        var served = 0
        selection.forEach(offset: offset, limit: count) { entry in
            guard entry.isLiveAudited(snapshot.generated) else { return }
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
            message.write(parsed, dateField: dateField, to: &writer)
            served += 1
        }
        writer.raw("]")
        return served
    }
}
