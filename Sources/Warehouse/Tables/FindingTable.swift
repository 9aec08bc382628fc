import Foundation
import GRDB
import PartnerAuditCore

// `finding` and `finding_change`: each finding with its lifecycle, and every change of status.

/// What one evaluation changed in the findings' lifecycle.
package struct LifecycleSummary: Sendable, Equatable {
    package var evaluationID: Int64 = 0
    package var found = 0
    /// Found for the first time (or found again after being resolved).
    package var new = 0
    /// Found before and found again.
    package var stillOpen = 0
    /// Open or waived before, not found this time.
    package var resolved = 0
    /// Found and covered by an unexpired waiver.
    package var waived = 0
    /// Of the resolved: per-client findings folded into an organisation-wide one found now.
    package var folded = 0
    /// Open or waived before and left as they were, found again or not: the evaluation read a
    /// warehouse whose chain is broken, so what it no longer shows is not taken as fixed, and
    /// what it shows is not written over rows that may have been changed behind the tool's back.
    package var keptOnBrokenChain = 0
    /// Found but not stored, because the chain is broken: every finding but the AT-2, and the
    /// AT-2 too when its own row was changed behind the tool's back.
    package var withheldOnBrokenChain = 0
    /// The fingerprints of the findings handed to the warehouse that it did not store: rows
    /// changed behind the tool's back, which writing would launder.
    package var withheldFingerprints: Set<String> = []

    /// "3 resolved", "28 resolved (25 folded into organisation-wide findings)", or
    /// "0 resolved (2 kept as they were, 5 found not stored: the chain is broken)".
    package var resolvedDescription: String {
        var text = folded == 0 ? "\(resolved) resolved" : "\(resolved) resolved (\(folded) folded into organisation-wide findings)"
        if keptOnBrokenChain > 0 || withheldOnBrokenChain > 0 {
            text += " (\(keptOnBrokenChain) kept as they were, \(withheldOnBrokenChain) found not stored: the chain is broken)"
        }
        return text
    }
}

/// Which findings to list.
package struct FindingFilter: Sendable {
    package var category: String?
    /// At or above this severity.
    package var minimumSeverity: Severity?
    /// One client's findings, and the organisation-wide ones that list it among those affected.
    package var clientID: String?
    package var partner: String?
    package var status: FindingStatus?
    /// First seen at or after this time (canonical text).
    package var firstSeenSince: String?

    package init() {}
}

extension Warehouse {
    /// Stores one evaluation's findings and moves every finding's lifecycle in one transaction:
    /// new ones start, found ones stay open (or waived) with `lastSeen` at `asOf`, and ones not
    /// found again are resolved — kept, never deleted. A client's finding that an
    /// organisation-wide one found now covers (same rule and subject, the client among those it
    /// affects) is resolved with a note naming it.
    ///
    /// - Parameter overIntactChain: false when the findings rest on a warehouse whose chain is
    ///   broken. A finding not found again is then left as it was (counted in
    ///   `keptOnBrokenChain`), since rows changed behind the tool's back — a client's `*` scope
    ///   removed, a window planted over a gap — must not resolve what they hid; and a finding
    ///   whose row is not as its last ledger entry records it (deleted or edited behind the
    ///   tool's back) is not written (`withheldFingerprints`), since writing it would give the
    ///   edit a ledger entry of its own. The caller hands over only the AT-2.
    package func recordEvaluation(
        _ found: [Finding], asOf: Int64, lookbackFrom: Int64, policyDigest: String, startedAt: Date, at now: Date,
        overIntactChain: Bool = true
    ) async throws -> LifecycleSummary {
        try await database.write { db in
            let asOfText = Timestamp.format(milliseconds: asOf)
            try db.execute(sql: """
                INSERT INTO evaluation_run (as_of, lookback_from, started_at, finished_at, policy_digest, found, new, still_open, resolved, waived)
                VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0)
                """, arguments: [asOfText, Timestamp.format(milliseconds: lookbackFrom), Timestamp.format(startedAt), Timestamp.format(now), policyDigest])
            let evaluationID = db.lastInsertedRowID
            var previous: [String: (status: String, firstSeen: String, key: FoldingKey)] = [:]
            // A key is never NULL as the tool writes it; a row copied in under one (which verify
            // names) is no finding to carry on, and must not stop the evaluation storing its AT-2.
            for row in try Row.fetchAll(db, sql: "SELECT fingerprint, status, first_seen, rule_id, client_id, subject FROM finding WHERE fingerprint IS NOT NULL") {
                previous[row["fingerprint"]] = (row["status"], row["first_seen"], FoldingKey(ruleID: row["rule_id"], clientID: row["client_id"], subject: row["subject"]))
            }
            let folding = FoldingKey.index(found)
            var summary = LifecycleSummary(evaluationID: evaluationID, found: found.count)
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO finding (fingerprint, rule_id, category, severity, client_id, client_name, partner, environment, subject,
                    title, detail, evidence_json, controls_json, remediation, status, first_seen, last_seen, resolved_at, waiver_json, evaluation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                ON CONFLICT(fingerprint) DO UPDATE SET severity = excluded.severity, client_name = excluded.client_name,
                    partner = excluded.partner, environment = excluded.environment, title = excluded.title, detail = excluded.detail,
                    evidence_json = excluded.evidence_json, controls_json = excluded.controls_json, remediation = excluded.remediation,
                    status = excluded.status, last_seen = excluded.last_seen, resolved_at = NULL, waiver_json = excluded.waiver_json,
                    evaluation_id = excluded.evaluation_id, resolution_note = NULL
                """)
            let change = try db.cachedStatement(sql: "INSERT INTO finding_change (evaluation_id, fingerprint, change) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET change = excluded.change")
            var seen = Set<String>()
            for finding in found where seen.insert(finding.fingerprint).inserted {
                if !overIntactChain, try !RowLedger.isAsRecorded(db, table: "finding", key: [finding.fingerprint]) {
                    summary.withheldOnBrokenChain += 1
                    summary.withheldFingerprints.insert(finding.fingerprint)
                    summary.found -= 1
                    continue
                }
                let before = previous[finding.fingerprint]
                let firstSeen = before.map { $0.status == FindingStatus.resolved.rawValue ? asOfText : $0.firstSeen } ?? asOfText
                try upsert.execute(arguments: [
                    finding.fingerprint, finding.ruleID, finding.category.rawValue, finding.severity.rawValue, finding.clientID,
                    finding.clientName, finding.partner, finding.environment, finding.subject, finding.title, finding.detail,
                    try Self.json(finding.evidence), try Self.json(finding.controls), finding.remediation, finding.status.rawValue,
                    firstSeen, asOfText, try finding.waiver.map(Self.json), evaluationID,
                ])
                let what: String
                if before == nil || before?.status == FindingStatus.resolved.rawValue {
                    what = "new"; summary.new += 1
                } else {
                    what = "still-open"; summary.stillOpen += 1
                }
                if finding.status == .waived { summary.waived += 1 }
                try change.execute(arguments: [evaluationID, finding.fingerprint, finding.status == .waived ? "waived" : what])
            }
            for (fingerprint, state) in previous where state.status != FindingStatus.resolved.rawValue && !seen.contains(fingerprint) {
                guard overIntactChain else {
                    summary.keptOnBrokenChain += 1
                    continue
                }
                let note = folding[state.key].map(FoldingKey.note)
                try db.cachedStatement(sql: "UPDATE finding SET status = 'resolved', resolved_at = ?, evaluation_id = ?, resolution_note = ? WHERE fingerprint = ?")
                    .execute(arguments: [asOfText, evaluationID, note, fingerprint])
                try change.execute(arguments: [evaluationID, fingerprint, "resolved"])
                summary.resolved += 1
                if note != nil { summary.folded += 1 }
            }
            try db.execute(sql: "UPDATE evaluation_run SET found = ?, new = ?, still_open = ?, resolved = ?, waived = ? WHERE id = ?",
                           arguments: [summary.found, summary.new, summary.stillOpen, summary.resolved, summary.waived, evaluationID])
            return summary
        }
    }

    /// The stored findings matching the filter, most severe first, then by rule and client.
    package func findings(_ filter: FindingFilter = FindingFilter()) async throws -> [Finding] {
        var conditions: [String] = []
        var arguments: [String] = []
        if let category = filter.category { conditions.append("category = ?"); arguments.append(category) }
        if let minimum = filter.minimumSeverity {
            let levels = Severity.allCases.filter { $0 >= minimum }.map(\.rawValue)
            conditions.append("severity IN (\(levels.map { _ in "?" }.joined(separator: ",")))")
            arguments += levels
        }
        if let client = filter.clientID {
            conditions.append("""
                (client_id = ? OR (client_id = '' AND EXISTS (
                    SELECT 1 FROM json_each(evidence_json, '$.affectedClients') AS affected WHERE json_extract(affected.value, '$.id') = ?)))
                """)
            arguments += [client, client]
        }
        if let partner = filter.partner { conditions.append("partner = ?"); arguments.append(partner) }
        if let status = filter.status { conditions.append("status = ?"); arguments.append(status.rawValue) }
        if let since = filter.firstSeenSince { conditions.append("first_seen >= ?"); arguments.append(since) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = "CASE severity " + Severity.allCases.reversed().enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        let sql = "SELECT * FROM finding \(whereClause) ORDER BY \(order), rule_id, client_name, subject, fingerprint"
        let bound = arguments
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(bound)).map(Finding.init(row:))
        }
    }

    /// The stored findings whose lifecycle overlaps the window: first seen before its end and
    /// not resolved before its start, leaving out the given rules. Most severe first, then rule,
    /// client name, subject and fingerprint.
    package func findings(overlapping window: TimeWindow, excludingRules excluded: [String] = []) async throws -> [Finding] {
        let (from, to) = (Timestamp.format(milliseconds: window.fromMillis), Timestamp.format(milliseconds: window.toMillis))
        let exclusion = excluded.isEmpty ? "" : "AND rule_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ",")))"
        let order = "CASE severity " + Severity.allCases.reversed().enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        let arguments = StatementArguments([to, from] + excluded)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM finding
                WHERE first_seen < ? AND (resolved_at IS NULL OR resolved_at >= ?) \(exclusion)
                ORDER BY \(order), rule_id, client_name, subject, fingerprint
                """, arguments: arguments).map(Finding.init(row:))
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension Finding {
    /// Reads a stored finding strictly: a severity, category or status this version does not
    /// know, or evidence, controls or a waiver that do not decode, is an error naming the row —
    /// a compliance tool never shows a finding other than as it was stored.
    init(row: Row) throws(StoredFindingError) {
        let fingerprint: String = row["fingerprint"] ?? "(no fingerprint)"
        func word<T: RawRepresentable<String>>(_ type: T.Type, _ column: String) throws(StoredFindingError) -> T {
            let text: String? = row[column]
            guard let text, let value = T(rawValue: text) else {
                throw StoredFindingError(fingerprint: fingerprint, column: column, reason: "'\(text ?? "NULL")' is not a known value")
            }
            return value
        }
        func decode<T: Decodable>(_ type: T.Type, _ column: String) throws(StoredFindingError) -> T? {
            guard let text: String = row[column] else { return nil }
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw StoredFindingError(fingerprint: fingerprint, column: column, reason: "does not decode: \(error)")
            }
        }
        func required<T: Decodable>(_ type: T.Type, _ column: String) throws(StoredFindingError) -> T {
            guard let value = try decode(T.self, column) else {
                throw StoredFindingError(fingerprint: fingerprint, column: column, reason: "is NULL")
            }
            return value
        }
        self.init(
            fingerprint: fingerprint, ruleID: row["rule_id"],
            category: try word(FindingCategory.self, "category"), severity: try word(Severity.self, "severity"),
            clientID: row["client_id"], clientName: row["client_name"], partner: row["partner"], environment: row["environment"],
            subject: row["subject"], title: row["title"], detail: row["detail"],
            evidence: try required(Evidence.self, "evidence_json"), controls: try required([String].self, "controls_json"),
            remediation: row["remediation"], status: try word(FindingStatus.self, "status"),
            firstSeen: row["first_seen"], lastSeen: row["last_seen"], resolvedAt: row["resolved_at"],
            waiver: try decode(WaiverNote.self, "waiver_json"), resolutionNote: row["resolution_note"])
    }
}

/// What makes a client's finding the same problem as an organisation-wide one: its rule and
/// subject, and the client among those the organisation-wide one affects.
struct FoldingKey: Hashable {
    var ruleID: String
    var clientID: String
    var subject: String

    /// For each client an organisation-wide finding lists, the key its own finding would have.
    static func index(_ findings: [Finding]) -> [FoldingKey: Finding] {
        var index: [FoldingKey: Finding] = [:]
        for finding in findings where finding.isOrganizationWide {
            for client in finding.evidence.affectedClients {
                index[FoldingKey(ruleID: finding.ruleID, clientID: client.id, subject: finding.subject)] = finding
            }
        }
        return index
    }

    /// The note a folded finding is resolved with.
    static func note(_ into: Finding) -> String {
        let count = into.evidence.affectedClients.count
        let about = into.subject.isEmpty ? "" : " on \(into.subject)"
        return "Folded into the organisation-wide finding \(into.fingerprint) (\(into.ruleID)\(about)), which lists this client among the \(count == 1 ? "1 client" : "\(count) clients") it affects: one organisation setting is one finding."
    }
}

/// A stored finding this version cannot read as it was stored: names the row and the column.
package struct StoredFindingError: Error, Sendable, CustomStringConvertible {
    package var fingerprint: String
    package var column: String
    package var reason: String

    package init(fingerprint: String, column: String, reason: String) {
        self.fingerprint = fingerprint
        self.column = column
        self.reason = reason
    }

    package var description: String {
        "the stored finding \(fingerprint) cannot be read: its \(column) \(reason)"
    }
}
