import Foundation
import PartnerAuditCore

/// Every rule of rules.md, with its controls (rules.md's control mapping) and remediation.
package enum RuleCatalog {
    private static let scopeControls: [Control] = [.cc6_1, .cc6_3, .accessAuthorization, .accessControl]
    private static let authenticationControls: [Control] = [.cc6_1, .accessControl, .entityAuthentication]
    private static let allowlistControls: [Control] = [.cc6_6, .accessControl, .transmissionSecurity]
    private static let monitoringControls: [Control] = [.cc6_6, .cc7_2, .activityReview, .loginMonitoring]
    private static let reuseControls: [Control] = [.cc6_1, .cc8_1, .accessAuthorization]
    private static let auditControls: [Control] = [.cc7_2, .cc4_1, .auditControls, .integrity]

    /// All rules, in catalog order.
    package static let all: [RuleDefinition] = [
        RuleDefinition(id: "WS-1", category: .wildcardScope, title: "Wildcard scope granted",
            checks: "A granted scope contains `*` (`routing:*`, `*:read`, `*`).",
            severityRule: "critical for a bare `*` or `*:*`, else high", controls: scopeControls,
            remediation: "Replace the wildcard with the specific scopes the partner's integration calls; re-issue the client secret if the wildcard was ever used."),
        RuleDefinition(id: "WS-2", category: .wildcardScope, title: "Unknown scope granted (scope drift)",
            checks: "A granted scope or permission is neither known to the platform (the organisation's own scope and permission registries where an extraction read them, else the shipped list) nor approved for any partner in the policy.",
            severityRule: "medium", controls: scopeControls,
            remediation: "Remove the misspelt, deprecated or invented scope, or add it to the registry or the partner's approved scopes if it is real and intended."),
        RuleDefinition(id: "LP-1", category: .leastPrivilege, title: "Scope not approved for the partner",
            checks: "A granted scope is not in the partner's `approvedScopes`.",
            severityRule: "high if it writes (`:write`, `:edit`, `:delete`, `:admin`, or a domain without `:read`/`:readonly`), else medium",
            controls: scopeControls,
            remediation: "Remove the scope from the client, or record its approval in the policy's approvedScopes for the partner."),
        RuleDefinition(id: "LP-2", category: .leastPrivilege, title: "Granted scope not used",
            checks: "A granted scope was not exercised by any `api.request` in the lookback window.",
            severityRule: "low", controls: scopeControls,
            remediation: "Remove the unused scope; grant it again when the partner needs it."),
        RuleDefinition(id: "LP-3", category: .leastPrivilege, title: "Partner app can act for all users",
            checks: "A partner app has `allowAccessToAllUsers: true`.",
            severityRule: "high", controls: authenticationControls,
            remediation: "Turn off allowAccessToAllUsers; a machine-to-machine partner app should act only as itself."),
        RuleDefinition(id: "LP-4", category: .leastPrivilege, title: "Partner app is not machine-to-machine",
            checks: "A partner app's `type` is not `public` or its grant is not `client_credentials`.",
            severityRule: "medium", controls: authenticationControls,
            remediation: "Recreate the integration as a client-credentials client of type public, and retire this one."),
        RuleDefinition(id: "LP-5", category: .leastPrivilege, title: "Dormant client still active",
            checks: "An active client had no activity in `dormantDays`.",
            severityRule: "medium", controls: [.cc6_2, .accessModification],
            remediation: "Disable or delete the client; confirm with the partner whether the integration is still needed."),
        RuleDefinition(id: "LP-6", category: .leastPrivilege, title: "Client secret not rotated",
            checks: "The client secret is older than `secretMaxAgeDays` (last rotation event, else `secretLastRotated`, else `dateCreated`).",
            severityRule: "medium", controls: [.cc6_1, .passwordManagement],
            remediation: "Rotate the client secret and hand the new one to the partner through the agreed secure channel."),
        RuleDefinition(id: "AL-1", category: .allowlist, title: "No IP allowlist",
            checks: "A partner app has no IP allowlist.",
            severityRule: "high", controls: allowlistControls,
            remediation: "Restrict the client to the partner's declared egress networks for its environment."),
        RuleDefinition(id: "AL-2", category: .allowlist, title: "Allowlist entry too broad",
            checks: "An allowlist entry is broader than `maxIPv4Prefix` / `maxIPv6Prefix` (default /24 and /48), or is `0.0.0.0/0` / `::/0`.",
            severityRule: "high; critical for /0", controls: allowlistControls,
            remediation: "Narrow the entry to the partner's actual egress addresses (the /24 or narrower blocks it uses)."),
        RuleDefinition(id: "AL-3", category: .allowlist, title: "Allowlist entry malformed or private",
            checks: "An allowlist entry is malformed, or private/reserved space (RFC 1918, loopback, link-local, CGNAT, documentation) without `allowPrivate: true`.",
            severityRule: "medium", controls: allowlistControls,
            remediation: "Fix or remove the entry: a partner reaches the platform from public addresses, so private or malformed entries protect nothing."),
        RuleDefinition(id: "AL-4", category: .allowlist, title: "Access from outside the allowlist",
            checks: "A token was issued to, or a request succeeded from, an IP outside the client's allowlist (with no allowlist: outside the partner's declared networks).",
            severityRule: "critical; medium when every such attempt was denied", controls: allowlistControls + [.cc7_2, .activityReview, .loginMonitoring],
            remediation: "Investigate the source addresses with the partner; rotate the secret if they are not the partner's, and enforce the allowlist."),
        RuleDefinition(id: "ER-1", category: .environmentReuse, title: "One client used by several environments",
            checks: "One client's traffic comes from the networks of more than one environment of its partner.",
            severityRule: "high", controls: reuseControls,
            remediation: "Give each environment its own client with its own secret, scopes and allowlist."),
        RuleDefinition(id: "ER-2", category: .environmentReuse, title: "One client shared by several partners",
            checks: "One client's traffic comes from the networks of more than one partner.",
            severityRule: "critical", controls: reuseControls,
            remediation: "Rotate the secret at once and issue each partner its own client; find out how the second partner obtained it."),
        RuleDefinition(id: "ER-3", category: .environmentReuse, title: "Client used from another environment than its name says",
            checks: "A client's name says one environment and its traffic comes from another's networks.",
            severityRule: "high", controls: reuseControls,
            remediation: "Move the traffic to the client of the right environment, or rename and re-scope this one."),
        RuleDefinition(id: "ER-4", category: .environmentReuse, title: "Partner app cannot be attributed",
            checks: "A client has no policy mapping and a name off the `Partner-Integration-{Env}-{Partner}` convention.",
            severityRule: "low", controls: reuseControls,
            remediation: "Rename the client by the convention or map it to its partner and environment in the policy."),
        RuleDefinition(id: "AT-1", category: .auditTrail, title: "Gap in the audit evidence",
            checks: "Part of the period was never extracted, or an extraction window failed.",
            severityRule: "high", controls: auditControls,
            remediation: "Run `partner-audit extract --since … --until …` over the gap while the source still retains it; after retention the gap is permanent and must be disclosed."),
        RuleDefinition(id: "AT-2", category: .auditTrail, title: "Audit trail integrity broken",
            checks: "The warehouse's hash chain does not verify.",
            severityRule: "critical", controls: auditControls,
            remediation: "Treat the warehouse as tampered: restore it from a verified backup and investigate who changed it."),
        RuleDefinition(id: "CM-1", category: .changeManagement, title: "Client grant widened",
            checks: "A client's grant was widened (scope added, allowlist entry added or widened, allowlist removed); each change is listed with who and when.",
            severityRule: "medium; high outside a declared change window", controls: [.cc8_1, .cc6_2, .accessModification],
            remediation: "Match the change to an approved change ticket; revert it if there is none."),
        RuleDefinition(id: "AN-1", category: .anomaly, title: "Burst of denied access",
            checks: "A burst of `oauth.token.denied` or 401/403 responses for one client (at least `deniedPerHour` in one hour).",
            severityRule: "medium", controls: monitoringControls,
            remediation: "Find out with the partner whether a misconfiguration or someone else holding the client id caused the denials."),
        RuleDefinition(id: "AN-2", category: .anomaly, title: "Client keeps drawing rate limits",
            checks: "A client keeps drawing 429 answers: at least `rateLimitedPerDay` (default 5) in a day, on 3 or more days of the lookback, starving the shared budget.",
            severityRule: "low", controls: monitoringControls,
            remediation: "Ask the partner to pace its calls and cache results; the budget is shared by every integration of the organisation."),
    ]

    private static let byID: [String: RuleDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The definition of a rule id; `nil` for an unknown id.
    package static func definition(_ id: String) -> RuleDefinition? { byID[id] }

    /// Every rule id, for validating waivers.
    package static var ids: Set<String> { Set(byID.keys) }

    /// Every control any rule maps to, per framework, in a stable order.
    package static func controls(of framework: Control.Framework) -> [Control] {
        var seen = Set<String>()
        return all.flatMap(\.controls).filter { $0.framework == framework && seen.insert($0.id).inserted }
            .sorted { $0.id.localizedStandardCompare($1.id) == .orderedAscending }
    }
}
