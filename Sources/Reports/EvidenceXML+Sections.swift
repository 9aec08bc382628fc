import Foundation
import PartnerAuditCore
import Rules

// MARK: - Inventory, changes, coverage, method

extension EvidenceXML {
    static func inventory(_ inventory: Inventory, _ xml: XMLWriter) throws {
        try xml.element("inventory", ["asOf": inventory.asOf, "count": String(inventory.clients.count)]) {
            if let note = inventory.note { try xml.textElement("note", note) }
            if let list = inventory.organizationAllowlist {
                try xml.element("organizationAllowlist", ["present": "true", "scope": AllowlistScope.organization.rawValue, "count": String(list.count)]) {
                    for entry in list { try xml.textElement("entry", entry) }
                }
            }
            for client in inventory.clients { try self.client(client, in: inventory, xml) }
        }
    }

    private static func client(_ client: InventoryClient, in inventory: Inventory, _ xml: XMLWriter) throws {
        let snapshot = client.snapshot
        try xml.element("client", [
            "id": snapshot.id, "partner": client.partner, "environment": client.environment, "attribution": client.attribution,
            "type": snapshot.type.text, "grantType": snapshot.grantType.text, "state": snapshot.state.text, "presentAtEnd": String(client.presentAtEnd),
            "allowAccessToAllUsers": String(snapshot.allowAccessToAllUsers), "isThirdParty": String(snapshot.isThirdParty),
            "dateCreated": snapshot.dateCreated, "dateModified": snapshot.dateModified, "secretSince": client.secretSince,
            "secretSource": client.secretSource, "secretAgeDays": client.secretAgeDays.map(String.init), "lastActivity": client.lastActivity,
            "eventsInPeriod": String(client.eventsInPeriod), "denialsInPeriod": String(client.denialsInPeriod),
        ]) {
            try xml.textElement("name", snapshot.name)
            if let description = snapshot.description { try xml.textElement("description", description) }
            for scope in snapshot.scopes { try xml.textElement("scope", scope) }
            try allowlist(snapshot.ipAllowlist, scope: snapshot.ipAllowlistScope, in: inventory, xml)
            for uri in snapshot.redirectURIs { try xml.textElement("redirectUri", uri) }
            for agent in client.userAgents { try xml.textElement("userAgent", agent.agent, ["events": String(agent.events)]) }
            for grant in client.grants {
                try xml.element("grant", [
                    "validFrom": grant.validFrom, "validTo": grant.validTo, "type": grant.type, "grantType": grant.grantType, "state": grant.state,
                ]) {
                    for scope in grant.scopes { try xml.textElement("scope", scope) }
                    try allowlist(grant.allowlist, scope: grant.allowlistScope, in: inventory, xml)
                }
            }
        }
    }

    /// A client's or grant's allowlist. A client's own list (guide dialect) is written as it always
    /// was; an organisation's list carries `scope="organization"` and its `count`, and when it is
    /// the inventory's `organizationAllowlist` its entries are left to that one element.
    private static func allowlist(_ entries: [String]?, scope: AllowlistScope, in inventory: Inventory, _ xml: XMLWriter) throws {
        guard scope == .organization else {
            try xml.element("allowlist", ["present": String(entries != nil)]) {
                for entry in entries ?? [] { try xml.textElement("entry", entry) }
            }
            return
        }
        let shared = inventory.isOrganizationAllowlist(entries, scope: scope)
        try xml.element("allowlist", ["present": String(entries != nil), "scope": scope.rawValue, "count": entries.map { String($0.count) }]) {
            guard !shared else { return }
            for entry in entries ?? [] { try xml.textElement("entry", entry) }
        }
    }

    static func changes(_ changes: [ClientChange], _ xml: XMLWriter) throws {
        try xml.element("changes", ["count": String(changes.count)]) {
            for change in changes {
                try xml.element("change", [
                    "eventId": change.event.eventID, "timestamp": change.event.timestamp, "actor": change.event.actorID,
                    "action": change.event.action.text, "clientId": change.event.clientID, "clientName": change.clientName,
                ]) {
                    for field in change.fields {
                        try xml.element("field", ["name": field.name]) {
                            try xml.textElement("old", field.old)
                            try xml.textElement("new", field.new)
                        }
                    }
                }
            }
        }
    }

    static func coverage(_ content: PackContent, _ xml: XMLWriter) throws {
        let coverage = content.coverage
        let period = content.request.period
        try xml.element("coverage", [
            "from": period.fromText, "to": period.toText,
            "judgedFrom": Timestamp.format(milliseconds: coverage.judged.fromMillis), "judgedTo": Timestamp.format(milliseconds: coverage.judged.toMillis),
            "eventsInPeriod": String(coverage.eventsInPeriod),
        ]) {
            for window in coverage.windows {
                try xml.element("window", [
                    "from": Timestamp.format(milliseconds: window.fromMillis), "to": Timestamp.format(milliseconds: window.toMillis),
                    "complete": String(window.complete), "runId": String(window.runID), "events": String(window.events), "finishedAt": window.finishedAt,
                ]) {
                    if let error = window.error { try xml.textElement("error", error) }
                }
            }
            for gap in coverage.gaps {
                try xml.element("gap", [
                    "from": Timestamp.format(milliseconds: gap.window.fromMillis), "to": Timestamp.format(milliseconds: gap.window.toMillis),
                    "failedWindows": String(gap.failedWindows),
                ]) {
                    if let error = gap.lastError { try xml.textElement("lastError", error) }
                }
            }
            for file in coverage.gatewayFiles {
                try xml.element("gatewayFile", [
                    "path": file.path, "identity": file.identity, "format": file.format,
                    "firstRequest": file.firstRequest.map { Timestamp.format(milliseconds: $0) },
                    "lastRequest": file.lastRequest.map { Timestamp.format(milliseconds: $0) },
                    "linesRead": String(file.linesRead), "linesStored": String(file.linesStored),
                    "linesRejected": String(file.linesRejected), "position": String(file.position),
                ]) {
                    for rejection in file.rejections {
                        try xml.textElement("rejection", rejection.reason, ["line": String(rejection.line)])
                    }
                }
            }
            try xml.element("chain", [
                "rows": String(coverage.chain.rows), "head": coverage.chain.head, "intact": String(coverage.chain.isIntact),
                "ledgerEntries": String(coverage.chain.ledgerEntries),
                "ledgerHead": coverage.chain.ledgerHead.isEmpty ? nil : coverage.chain.ledgerHead,
            ]) {
                if let problem = coverage.chain.firstBreak { try xml.textElement("firstBreak", problem) }
                if let seal = coverage.seal {
                    try xml.element("seal", ["seq": String(seal.seq), "head": seal.head, "windowId": seal.windowID.map { String($0) }])
                }
            }
        }
    }

    static func method(_ method: MethodFacts, _ xml: XMLWriter) throws {
        try xml.element("method", ["policyDigest": method.policyDigest, "policySource": method.policySource, "lookbackDays": String(method.lookbackDays)]) {
            try xml.textElement("reproduce", method.reproduceCommand)
            for evaluation in method.evaluations {
                try xml.element("evaluation", [
                    "id": String(evaluation.id), "asOf": evaluation.asOf, "lookbackFrom": evaluation.lookbackFrom,
                    "policyDigest": evaluation.policyDigest, "found": String(evaluation.found),
                ])
            }
            for rule in method.rules {
                try xml.element("rule", ["id": rule.id, "category": rule.category.rawValue]) {
                    try xml.textElement("title", rule.title)
                    try xml.textElement("checks", rule.checks)
                    try xml.textElement("severityRule", rule.severityRule)
                    for control in rule.controlReferences { try xml.element("control", ["ref": control]) }
                    try xml.textElement("remediation", rule.remediation)
                }
            }
        }
    }
}
