import Foundation
import PartnerAuditCore
import Reports

/// Findings as people and tools read them.
enum FindingsOutput {
    static func render(_ findings: [Finding], format: OutputFormat) throws -> String {
        switch format {
        // The same bytes as an evidence pack's findings.json and findings.csv.
        case .json:
            return String(decoding: try FindingsFiles.json(findings), as: UTF8.self)
        case .csv:
            return FindingsFiles.csv(findings)
        case .table:
            return format.render(columns: ["severity", "rule", "status", "client", "subject", "title"], rows: findings.map {
                [$0.severity.rawValue, $0.ruleID, $0.status.rawValue, client(of: $0), $0.subject, $0.title]
            })
        }
    }

    /// The client column: the client, or the organisation and how many clients its setting binds.
    private static func client(of finding: Finding) -> String {
        guard finding.isOrganizationWide else { return finding.clientName.isEmpty ? finding.clientID : finding.clientName }
        let affected = finding.evidence.affectedClients.count
        return affected == 0 ? "(organisation)" : "(organisation: \(affected) clients)"
    }
}
