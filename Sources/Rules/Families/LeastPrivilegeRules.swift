import Foundation
import PartnerAuditCore

/// LP-1 … LP-6: least privilege.
enum LeastPrivilegeRules {
    static let all: [any Rule] = [UnapprovedScope(), UnusedScope(), AllUsersAccess(), NotMachineToMachine(), DormantClient(), StaleSecret()]

    /// Whether a scope writes: `:write`, `:edit`, `:delete`, `:admin`, or anything not ending in `:read`/`:readonly`/`:view`.
    static func writes(_ scope: String) -> Bool {
        let last = scope.split(separator: ":").last.map(String.init) ?? scope
        return !["read", "readonly", "view"].contains(last.lowercased())
    }

    /// LP-1: a granted scope is not in the partner's approved scopes.
    struct UnapprovedScope: Rule {
        let id = "LP-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            if context.policy.isDefault {
                return [.cannotDecide(nil, because: "no policy file, so no partner has approved scopes")]
            }
            var hits: [RuleHit] = []
            for client in context.partnerApps where client.attribution != .none {
                guard let partner = context.partnerPolicy(of: client) else {
                    hits.append(.cannotDecide(client, because: "the policy does not declare partner '\(client.partner)' and its approved scopes"))
                    continue
                }
                let approved = Set(partner.approvedScopes)
                for scope in client.snapshot.scopes where !approved.contains(scope) && !scope.contains("*") {
                    let writes = LeastPrivilegeRules.writes(scope)
                    hits.append(RuleHit(client: client, subject: scope, severity: writes ? .high : .medium,
                        detail: "\(client.name) holds '\(scope)', which the policy does not approve for \(partner.name)\(writes ? "; it can change data" : "").",
                        evidence: Evidence(scopes: [scope])))
                }
            }
            return hits
        }
    }

    /// LP-2: a granted scope was not exercised in the lookback window.
    struct UnusedScope: Rule {
        let id = "LP-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for client in context.partnerApps where client.isActive && !client.snapshot.scopes.isEmpty {
                guard let calls = context.facts.requestCounts[client.id], calls > 0 else {
                    hits.append(.cannotDecide(client, because: "no api.request and no API usage by this client in the \(context.policy.lookbackDays)-day lookback"))
                    continue
                }
                let used = context.facts.usedGrants(of: client.id, granted: client.snapshot.scopes)
                for scope in client.snapshot.scopes where !scope.contains("*") && !used.contains(scope) {
                    hits.append(RuleHit(client: client, subject: scope, severity: .low,
                        detail: "\(client.name) made \(calls) API calls in the last \(context.policy.lookbackDays) days and none needed '\(scope)'.",
                        evidence: Evidence(scopes: [scope], counts: ["requests": calls, "unattributedRequests": context.facts.unmappedCalls[client.id] ?? 0])))
                }
            }
            return hits
        }
    }

    /// LP-3: a partner app can act for all users.
    struct AllUsersAccess: Rule {
        let id = "LP-3"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            context.partnerApps.filter(\.snapshot.allowAccessToAllUsers).map { client in
                RuleHit(client: client, severity: .high, detail: "\(client.name) has allowAccessToAllUsers set: it can act on behalf of every user of the organisation.")
            }
        }
    }

    /// LP-4: a partner app is not a public client-credentials client.
    struct NotMachineToMachine: Rule {
        let id = "LP-4"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            context.partnerApps.filter { $0.attribution != .none && ($0.snapshot.type != .public || $0.snapshot.grantType != .clientCredentials) }.map { client in
                RuleHit(client: client, subject: "\(client.snapshot.type)/\(client.snapshot.grantType)", severity: .medium,
                        detail: "\(client.name) is a partner app of type '\(client.snapshot.type)' with grant '\(client.snapshot.grantType)'; a partner integration should be a public client-credentials client.")
            }
        }
    }

    /// LP-5: an active client had no activity in `dormantDays`.
    struct DormantClient: Rule {
        let id = "LP-5"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let days = context.policy.dormantDays
            let threshold = context.asOf - .days(days)
            let thresholdText = Timestamp.format(milliseconds: threshold)
            let coveredSince = context.facts.coverageStart
            var hits: [RuleHit] = []
            for client in context.partnerApps where client.isActive {
                if let created = client.snapshot.dateCreated, created > thresholdText { continue }
                let event = context.facts.lastActivity[client.id]
                let usageDay = context.facts.lastUsageDay[client.id]
                // A usage day stands for its start: the platform tells the day, not the moment.
                let usage = usageDay.map { $0 + "T00:00:00.000Z" }
                let last = [event, usage].compactMap { $0 }.max()
                if let last, last >= thresholdText { continue }
                guard let coveredSince, coveredSince <= threshold else {
                    hits.append(.cannotDecide(client, because: "the warehouse does not yet cover the last \(days) days"))
                    continue
                }
                let since: String =
                    if let usageDay, let usage, usage == last { "its last day with API requests was \(usageDay)" }
                    else if let last { "its last activity was \(last)" }
                    else { "it has no activity in the warehouse at all" }
                hits.append(RuleHit(client: client, severity: .medium,
                    detail: "\(client.name) is active but \(since), more than \(days) days before \(Timestamp.format(milliseconds: context.asOf)).",
                    evidence: Evidence(counts: ["dormantDays": days])))
            }
            return hits
        }
    }

    /// LP-6: the secret is older than `secretMaxAgeDays`.
    struct StaleSecret: Rule {
        let id = "LP-6"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let maxAge = context.policy.secretMaxAgeDays
            var hits: [RuleHit] = []
            for client in context.partnerApps where client.isActive {
                let candidates: [(String, String?)] = [
                    ("last oauthclient.secret.rotate event", context.facts.secretRotations[client.id]),
                    ("secretLastRotated", client.snapshot.secretLastRotated),
                    ("dateCreated", client.snapshot.dateCreated),
                ]
                guard let (basis, text) = candidates.first(where: { $0.1 != nil }), let text, let moment = Timestamp.parseMilliseconds(text) else {
                    hits.append(.cannotDecide(client, because: "no rotation event, secretLastRotated or dateCreated tells the secret's age"))
                    continue
                }
                let ageDays = TimeSpan(milliseconds: context.asOf - moment).whole(.day)
                if ageDays > maxAge {
                    hits.append(RuleHit(client: client, severity: .medium,
                        detail: "\(client.name)'s secret is \(ageDays) days old (\(basis): \(text)); the policy allows \(maxAge).",
                        evidence: Evidence(counts: ["secretAgeDays": ageDays, "secretMaxAgeDays": maxAge])))
                }
            }
            return hits
        }
    }
}
