import Foundation
import PartnerAuditCore
import Warehouse

/// CM-1: grants widened, with who and when.
enum ChangeManagementRules {
    static let all: [any Rule] = [GrantWidened()]

    /// What one change event widened, in words; empty when it widened nothing.
    static func widenings(_ changes: JSONValue?, action: AuditAction) -> [String] {
        guard let changes else { return [] }
        func list(_ value: JSONValue?) -> [String]? { value == nil || value == .null ? nil : value?.stringArray ?? [] }
        var out: [String] = []
        for field in ["scopes", "scope"] {
            guard let change = changes[field] else { continue }
            let old = Set(list(change["old"]) ?? []), new = list(change["new"]) ?? []
            let added = new.filter { !old.contains($0) }
            if !added.isEmpty { out.append("scope\(added.count == 1 ? "" : "s") added: \(added.joined(separator: ", "))") }
        }
        if let change = changes["ipWhitelist"] {
            let old = list(change["old"]), new = list(change["new"])
            if let old, !old.isEmpty, new?.isEmpty ?? true {
                out.append("allowlist removed (was \(old.joined(separator: ", ")))")
            } else if let new {
                let added = new.filter { !(old ?? []).contains($0) }
                if !added.isEmpty, old != nil || action == .clientUpdated {
                    out.append("allowlist entr\(added.count == 1 ? "y" : "ies") added or widened: \(added.joined(separator: ", "))")
                }
            }
        }
        if let change = changes["allowAccessToAllUsers"], change["new"]?.boolValue == true, change["old"]?.boolValue != true {
            out.append("allowAccessToAllUsers turned on")
        }
        return out
    }

    /// CM-1: a client's grant was widened.
    struct GrantWidened: Rule {
        let id = "CM-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let clients = Dictionary(context.clients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let windows = context.policy.changeWindows
            var hits: [RuleHit] = []
            for event in context.facts.changeEvents where event.action == .clientUpdated || event.action == .clientCreated {
                let widened = ChangeManagementRules.widenings(event.changes, action: event.action)
                guard !widened.isEmpty, let moment = Timestamp.parse(event.timestamp) else { continue }
                let inWindow = context.policy.isInChangeWindow(moment)
                let client = clients[event.clientID] ?? AttributedClient(ClientSnapshot(id: event.clientID, name: "(client \(event.clientID), no longer present)"), policy: context.policy)
                let when = windows.isEmpty ? "no change windows are declared" : (inWindow ? "inside a declared change window" : "outside every declared change window")
                hits.append(RuleHit(client: client, subject: event.eventID, severity: !windows.isEmpty && !inWindow ? .high : .medium,
                    detail: "\(event.actorID) changed \(client.name) at \(event.timestamp) (\(when)): \(widened.joined(separator: "; ")).",
                    evidence: Evidence(events: [CitedEvent(id: event.eventID, timestamp: event.timestamp, sourceIP: "", action: event.action.text)])))
            }
            return hits
        }
    }
}
