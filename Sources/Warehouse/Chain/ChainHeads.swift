import Foundation
import GRDB
import PartnerAuditCore

/// Where the warehouse's two chains ended at one moment: the last event row and its hash, the
/// last row-ledger entry and its hash.
///
/// Kept outside the warehouse — in the cron mail and syslog (every `run` prints it), in an
/// anchors file, in a pack's manifest — it is what a warehouse rewritten after the fact, its
/// chains recomputed and all, cannot match: the row at the recorded position no longer has the
/// recorded hash. One line of an anchors file:
///
///     2026-12-02T02:15:09.120Z events 2541 dde53ad9… ledger 480 7f01c2aa…
package struct ChainHeads: Sendable, Equatable {
    package var at: String
    package var eventRows: Int64
    package var eventHead: String
    package var ledgerEntries: Int64
    package var ledgerHead: String

    package init(at: String, eventRows: Int64, eventHead: String, ledgerEntries: Int64, ledgerHead: String) {
        self.at = at
        self.eventRows = eventRows
        self.eventHead = eventHead
        self.ledgerEntries = ledgerEntries
        self.ledgerHead = ledgerHead
    }

    /// The anchors-file line.
    package var line: String {
        "\(at) events \(eventRows) \(eventHead.isEmpty ? "-" : eventHead) ledger \(ledgerEntries) \(ledgerHead.isEmpty ? "-" : ledgerHead)"
    }

    /// Reads one anchors-file line; `nil` when it is not one.
    ///
    /// A count is never negative, and a head is `-` exactly when its count is 0 (an empty
    /// chain), else 64 lower-case hex digits: a line that could check nothing is not an anchor.
    package init?(line: String) {
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count == 7, fields[1] == "events", fields[4] == "ledger",
              let events = Int64(fields[2]), let entries = Int64(fields[5]), Timestamp.parse(fields[0]) != nil,
              Self.isHead(fields[3], of: events), Self.isHead(fields[6], of: entries) else { return nil }
        self.init(at: fields[0], eventRows: events, eventHead: fields[3] == "-" ? "" : fields[3],
                  ledgerEntries: entries, ledgerHead: fields[6] == "-" ? "" : fields[6])
    }

    /// Whether `text` is the head of a chain of `count` rows as a line writes it.
    private static func isHead(_ text: String, of count: Int64) -> Bool {
        if count == 0 { return text == "-" }
        return count > 0 && text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

extension Warehouse {
    /// The chains' heads now: their last rows, read without walking them.
    package func heads(at now: Date) async throws -> ChainHeads {
        try await database.read { db in
            let event = try Row.fetchOne(db, sql: "SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1")
            let entry = try db.tableExists(RowLedger.table)
                ? try Row.fetchOne(db, sql: "SELECT seq, hash FROM row_ledger ORDER BY seq DESC LIMIT 1") : nil
            return ChainHeads(at: Timestamp.format(now), eventRows: event?["seq"] ?? 0, eventHead: (event?["hash"] as Data?)?.hex ?? "",
                              ledgerEntries: entry?["seq"] ?? 0, ledgerHead: entry?["hash"] ?? "")
        }
    }

    /// Why the warehouse does not hold these heads any more — the row at a recorded position
    /// has another hash, or is gone — one line per chain; empty when it holds both.
    package func problems(holding heads: ChainHeads) async throws -> [String] {
        try await database.read { db in
            var problems: [String] = []
            if heads.eventRows > 0 {
                let stored = try Data.fetchOne(db, sql: "SELECT hash FROM event_log WHERE seq = ?", arguments: [heads.eventRows])?.hex
                if stored != heads.eventHead {
                    problems.append("event_log row \(heads.eventRows) is \(stored ?? "missing"), not the chain head \(heads.eventHead) recorded at \(heads.at)")
                }
            }
            if heads.ledgerEntries > 0 {
                let stored = try db.tableExists(RowLedger.table)
                    ? try String.fetchOne(db, sql: "SELECT hash FROM row_ledger WHERE seq = ?", arguments: [heads.ledgerEntries]) : nil
                if stored != heads.ledgerHead {
                    problems.append("row_ledger entry \(heads.ledgerEntries) is \(stored ?? "missing"), not the head \(heads.ledgerHead) recorded at \(heads.at)")
                }
            }
            return problems
        }
    }
}
