import PartnerAuditCore

/// Every distinct allowlist of the evaluated clients, parsed once.
///
/// In the live dialect every client carries the organisation's list (often hundreds of
/// entries): parsing it once, not once per client and rule, keeps evaluation linear.
package struct ParsedAllowlists: Sendable {
    /// One entry as the source wrote it, and its block or why it is not one.
    package struct Entry: Sendable {
        package var text: String
        package var block: CIDRBlock?
        package var error: CIDRError?
    }

    private struct Parsed: Sendable {
        var entries: [Entry]
        var blocks: [CIDRBlock]
    }

    private var byClient: [String: Parsed] = [:]

    package init(_ clients: [AttributedClient]) {
        var byList: [[String]: Parsed] = [:]
        for client in clients {
            let list = client.snapshot.ipAllowlist ?? []
            if let known = byList[list] {
                byClient[client.id] = known
                continue
            }
            let entries = list.map { text in
                do throws(CIDRError) {
                    return Entry(text: text, block: try CIDRBlock.parse(text), error: nil)
                } catch {
                    return Entry(text: text, block: nil, error: error)
                }
            }
            let parsed = Parsed(entries: entries, blocks: entries.compactMap(\.block))
            byList[list] = parsed
            byClient[client.id] = parsed
        }
    }

    /// The client's allowlist entries, in order.
    package func entries(of client: AttributedClient) -> [Entry] { byClient[client.id]?.entries ?? [] }

    /// The client's allowlist entries that parse, in order.
    package func blocks(of client: AttributedClient) -> [CIDRBlock] { byClient[client.id]?.blocks ?? [] }
}
