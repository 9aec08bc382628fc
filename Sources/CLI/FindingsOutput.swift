import Foundation
import PartnerAuditCore

/// Findings as people and tools read them.
enum FindingsOutput {
    static func render(_ findings: [Finding], format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(findings), as: UTF8.self)
        case .csv:
            return format.render(columns: csvColumns, rows: findings.map(csvRow))
        case .table:
            return format.render(columns: ["severity", "rule", "status", "client", "subject", "title"], rows: findings.map {
                [$0.severity.rawValue, $0.ruleID, $0.status.rawValue, $0.clientName.isEmpty ? "(organisation)" : $0.clientName, $0.subject, $0.title]
            })
        }
    }

    static let csvColumns = [
        "fingerprint", "ruleId", "category", "severity", "status", "clientId", "clientName", "partner", "environment", "subject",
        "title", "detail", "controls", "remediation", "firstSeen", "lastSeen", "resolvedAt", "evidenceEventIds", "evidence",
        "waiverJustification", "waiverApprovedBy", "waiverExpires",
    ]

    static func csvRow(_ finding: Finding) -> [String?] {
        let evidence = (try? JSONEncoder.sorted.encode(finding.evidence)).map { String(decoding: $0, as: UTF8.self) }
        return [
            finding.fingerprint, finding.ruleID, finding.category.rawValue, finding.severity.rawValue, finding.status.rawValue,
            finding.clientID, finding.clientName, finding.partner, finding.environment, finding.subject, finding.title, finding.detail,
            finding.controls.joined(separator: " "), finding.remediation, finding.firstSeen, finding.lastSeen, finding.resolvedAt,
            finding.evidence.events.map(\.id).joined(separator: " "), evidence,
            finding.waiver?.justification, finding.waiver?.approvedBy, finding.waiver?.expires,
        ]
    }
}

extension JSONEncoder {
    /// Sorted keys, no escaped slashes: stable bytes for the same value.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
