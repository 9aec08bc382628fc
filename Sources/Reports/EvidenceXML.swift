import Foundation
import PartnerAuditCore
import Rules

/// report.xml: the pack's content as data in the `urn:partner-audit:evidence:1` vocabulary
/// (templates/evidence.xsd), written through libxml2 and validated before it is put in place.
enum EvidenceXML {
    static let namespace = "urn:partner-audit:evidence:1"
    static let version = "1"

    /// Writes the document to `temporary`, validates it against the schema, then moves it to `destination`.
    /// An invalid document is deleted and the error names the first problems.
    static func write(_ content: PackContent, validator: SchemaValidator, temporary: URL, destination: URL) throws {
        do {
            let xml = try XMLWriter(path: temporary.path)
            try document(content, xml)
            try xml.finish()
            try validator.validate(.file(temporary))
        } catch let error as ReportError where error.code == .invalidXML && !content.coverage.chain.isIntact {
            // Over a warehouse that does not verify, a value the schema refuses is one changed
            // behind the tool's back (a date re-stored as a blob), not a fault of the writer.
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError(.tamperedWarehouse, "the warehouse does not verify (\(content.coverage.chain.firstBreak ?? "")), "
                              + "and a value it holds is not what the tool wrote: \(error.message)")
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        try PackFiles.move(temporary, to: destination)
    }

    static func document(_ content: PackContent, _ xml: XMLWriter) throws {
        try xml.root("evidencePack", namespace: namespace, [
            "version": version, "generatedAt": Timestamp.format(content.request.generatedAt), "toolVersion": ToolInfo.version,
        ]) {
            try cover(content, xml)
            try summary(content, xml)
            for matrix in content.controlMatrices { try controlMatrix(matrix, xml) }
            try xml.element("findings", ["count": String(content.findings.count)]) {
                for finding in content.findings { try self.finding(finding, xml) }
            }
            try inventory(content.inventory, xml)
            try changes(content.changes, xml)
            try coverage(content, xml)
            try method(content.method, xml)
        }
    }

    private static func cover(_ content: PackContent, _ xml: XMLWriter) throws {
        let period = content.request.period
        try xml.element("cover", [
            "organization": content.request.organization, "period": period.name, "from": period.fromText, "to": period.toText,
            "asOf": content.asOfText, "inProgress": String(content.inProgress),
        ]) {
            for framework in content.request.frameworks {
                try xml.textElement("framework", framework.title, ["id": framework.rawValue])
            }
        }
    }

    private static func summary(_ content: PackContent, _ xml: XMLWriter) throws {
        let summary = content.summary
        try xml.element("summary", [
            "total": String(summary.total), "new": String(summary.new), "stillOpen": String(summary.stillOpen),
            "resolved": String(summary.resolved), "waived": String(summary.waived),
        ]) {
            for count in summary.severities {
                try xml.element("severity", [
                    "name": count.severity.rawValue, "total": String(count.total), "openAtEnd": String(count.openAtEnd),
                    "waived": String(count.waived), "resolved": String(count.resolved),
                ])
            }
            for count in summary.categories {
                let by = count.bySeverity.map(String.init)
                try xml.element("category", [
                    "name": count.category.rawValue, "total": String(count.total),
                    "critical": by[0], "high": by[1], "medium": by[2], "low": by[3], "info": by[4],
                ])
            }
            try xml.element("activity", [
                "unit": content.activityByMonth ? "month" : "day",
                "events": String(content.activity.reduce(0) { $0 + $1.events }), "denials": String(content.activity.reduce(0) { $0 + $1.denials }),
            ]) {
                for bucket in content.activity {
                    try xml.element("bucket", ["date": bucket.bucket, "events": String(bucket.events), "denials": String(bucket.denials)])
                }
            }
        }
    }

    private static func controlMatrix(_ matrix: ControlMatrix, _ xml: XMLWriter) throws {
        try xml.element("controlMatrix", ["framework": matrix.framework.rawValue, "title": matrix.framework.title]) {
            for status in matrix.controls {
                try xml.element("control", [
                    "id": status.control.id, "reference": status.control.reference, "name": status.control.name,
                    "status": status.status.rawValue, "rules": status.ruleIDs.joined(separator: " "),
                    "exceptions": String(status.fingerprints.count), "waived": String(status.waived),
                ]) {
                    for reason in status.reasons { try xml.textElement("reason", reason) }
                    for fingerprint in status.fingerprints { try xml.element("findingRef", ["fingerprint": fingerprint]) }
                }
            }
        }
    }

    /// One finding: every field of findings.json, and where it stands in the period.
    static func finding(_ entry: PeriodFinding, _ xml: XMLWriter) throws {
        let finding = entry.finding
        try xml.element("finding", [
            "fingerprint": finding.fingerprint, "ruleId": finding.ruleID, "category": finding.category.rawValue,
            "severity": finding.severity.rawValue, "status": finding.status.rawValue, "clientId": finding.clientID,
            "clientName": finding.clientName, "partner": finding.partner, "environment": finding.environment,
            "subject": finding.subject, "firstSeen": finding.firstSeen, "lastSeen": finding.lastSeen, "resolvedAt": finding.resolvedAt,
            "periodChange": entry.change.rawValue, "statusAtEnd": entry.statusAtEnd.rawValue,
        ]) {
            try xml.textElement("title", finding.title)
            try xml.textElement("detail", finding.detail)
            try xml.element("evidence") {
                let evidence = finding.evidence
                for scope in evidence.scopes { try xml.textElement("scope", scope) }
                for cidr in evidence.cidrs { try xml.textElement("cidr", cidr) }
                for ip in evidence.sourceIPs { try xml.textElement("sourceIP", ip) }
                for event in evidence.events {
                    try xml.element("event", ["id": event.id, "timestamp": event.timestamp, "sourceIP": event.sourceIP, "action": event.action])
                }
                for name in evidence.counts.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    try xml.element("count", ["name": name, "value": String(evidence.counts[name] ?? 0)])
                }
                for client in evidence.affectedClients {
                    try xml.element("affectedClient", ["id": client.id, "name": client.name, "partner": client.partner, "environment": client.environment])
                }
            }
            for control in finding.controls { try xml.element("control", ["ref": control]) }
            try xml.textElement("remediation", finding.remediation)
            if let waiver = finding.waiver {
                try xml.element("waiver", ["approvedBy": waiver.approvedBy, "expires": waiver.expires, "expired": String(waiver.expired)]) {
                    try xml.textElement("justification", waiver.justification)
                }
            }
            if let note = finding.resolutionNote { try xml.textElement("resolutionNote", note) }
        }
    }
}
