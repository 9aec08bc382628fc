import Foundation
import PartnerAuditCore
import Warehouse

/// events.csv.gz: the audit events the findings cite, or every event of the period, streamed
/// from the warehouse through gzip in 64 KiB batches.
enum EventsExport {
    /// The columns: the documented `events` view, then scope, user agent and the row's place in the hash chain.
    static let columns = [
        "id", "timestamp", "actor_type", "actor_id", "action", "resource", "resource_id", "outcome", "source_ip", "method", "path",
        "status", "scope", "user_agent", "details_json", "chain_seq", "chain_hash",
    ]

    /// Writes the selected events to `url`, oldest first; returns how many were written.
    static func write(_ selection: EventSelection, from warehouse: Warehouse, to url: URL) throws -> Int {
        let gzip = try GzipFileWriter(path: url.path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        CSVText.appendRecord(columns, to: &buffer)
        var count = 0
        try warehouse.forEachEvent(selection) { event in
            CSVText.appendRecord([
                event.id, event.timestamp, event.actorType, event.actorID, event.action, event.resource, event.resourceID, event.outcome,
                event.sourceIP, event.method, event.path, event.status.map(String.init), event.scope, event.userAgent, event.detailsJSON,
                String(event.seq), event.hash,
            ], to: &buffer)
            count += 1
            if buffer.count >= 1 << 16 {
                try gzip.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try gzip.write(buffer)
        try gzip.finish()
        return count
    }

    /// The ids of every event the findings cite, sorted and without repeats.
    static func citedIDs(_ findings: [PeriodFinding]) -> [String] {
        Array(Set(findings.flatMap { $0.finding.evidence.events.map(\.id) })).sorted()
    }
}
