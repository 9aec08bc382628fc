import Foundation
import PartnerAuditCore

/// findings.json and findings.csv: every finding with every field, the same bytes as
/// `partner-audit findings --format json` and `--format csv` print for the same findings.
///
/// Both are produced one finding at a time into a sink, so a pack writes them to disk
/// without holding the whole text in memory.
package enum FindingsFiles {
    /// The JSON array: pretty-printed, keys sorted, two-space indent, one finding after the other, ending with a newline.
    package static func json(_ findings: [Finding]) throws -> Data {
        var data = Data()
        try json(findings) { data.append(contentsOf: $0) }
        return data
    }

    /// Streams the JSON array to `sink` in pieces.
    package static func json(_ findings: [Finding], into sink: ([UInt8]) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard !findings.isEmpty else { return try sink(Array("[]\n".utf8)) }
        var piece: [UInt8] = Array("[\n".utf8)
        for (index, finding) in findings.enumerated() {
            if index > 0 { piece.append(contentsOf: ",\n".utf8) }
            // Each element one level deeper: two spaces before every line.
            piece.append(contentsOf: "  ".utf8)
            for byte in try encoder.encode(finding) {
                piece.append(byte)
                if byte == 0x0A { piece.append(contentsOf: "  ".utf8) }
            }
            if piece.count >= 1 << 16 {
                try sink(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        piece.append(contentsOf: "\n]\n".utf8)
        try sink(piece)
    }

    /// The CSV table: a header, then one record per finding (see `columns`).
    package static func csv(_ findings: [Finding]) -> String {
        var out: [UInt8] = []
        csv(findings) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Streams the CSV table to `sink` in pieces.
    package static func csv(_ findings: [Finding], into sink: ([UInt8]) throws -> Void) rethrows {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var piece: [UInt8] = []
        CSVText.appendRecord(columns, to: &piece)
        for finding in findings {
            CSVText.appendRecord(row(finding, encoder: encoder), to: &piece)
            if piece.count >= 1 << 16 {
                try sink(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        try sink(piece)
    }

    /// The columns: every field of rules.md; evidence as sorted-key JSON, plus its event ids and an
    /// organisation-wide finding's affected client ids (space-separated) for quick filtering.
    package static let columns = [
        "fingerprint", "ruleId", "category", "severity", "status", "clientId", "clientName", "partner", "environment", "subject",
        "title", "detail", "controls", "remediation", "firstSeen", "lastSeen", "resolvedAt", "evidenceEventIds", "evidence",
        "waiverJustification", "waiverApprovedBy", "waiverExpires", "affectedClientIds", "resolutionNote",
    ]

    /// One finding's fields, in `columns` order.
    package static func row(_ finding: Finding, encoder: JSONEncoder) -> [String?] {
        let evidence = (try? encoder.encode(finding.evidence)).map { String(decoding: $0, as: UTF8.self) }
        return [
            finding.fingerprint, finding.ruleID, finding.category.rawValue, finding.severity.rawValue, finding.status.rawValue,
            finding.clientID, finding.clientName, finding.partner, finding.environment, finding.subject, finding.title, finding.detail,
            finding.controls.joined(separator: " "), finding.remediation, finding.firstSeen, finding.lastSeen, finding.resolvedAt,
            finding.evidence.events.map(\.id).joined(separator: " "), evidence,
            finding.waiver?.justification, finding.waiver?.approvedBy, finding.waiver?.expires,
            finding.evidence.affectedClients.map(\.id).joined(separator: " "), finding.resolutionNote,
        ]
    }
}
