import PartnerAuditCore

/// WS-1 and WS-2: wildcard and unknown scopes.
enum WildcardScopeRules {
    static let all: [any Rule] = [WildcardScope(), UnknownScope()]

    /// WS-1: a granted scope (or a role's permission) contains `*`, or a role is granted in
    /// every division (`divisionId: "*"`, live dialect), which reaches every division's data,
    /// today's and future ones.
    struct WildcardScope: Rule {
        let id = "WS-1"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            var hits: [RuleHit] = []
            for client in context.clients {
                hits += client.snapshot.scopes.filter { $0.contains("*") }.map { scope in
                    // `*`, `*:*` (scopes) and `*:*:*` (a role's permission) reach every API there is.
                    let bare = scope.split(separator: ":", omittingEmptySubsequences: false).allSatisfy { $0 == "*" }
                    return RuleHit(client: client, subject: scope, severity: bare ? .critical : .high,
                        detail: bare
                            ? "\(client.name) holds the bare wildcard scope '\(scope)': it can call every API the platform offers."
                            : "\(client.name) holds the wildcard scope '\(scope)', which grants every scope it matches, today's and future ones.",
                        evidence: Evidence(scopes: [scope]))
                }
                hits += try client.snapshot.roleGrants().filter(\.isEveryDivision).map { grant in
                    let role = grant.roleName.isEmpty ? grant.roleID : "\(grant.roleName) (\(grant.roleID))"
                    return RuleHit(client: client, subject: "role \(grant.roleID) in division \(RoleGrant.everyDivision)", severity: .high,
                        detail: "\(client.name) holds the role \(role) in every division (divisionId \"\(RoleGrant.everyDivision)\"): its permissions reach every division's data, today's and future ones.",
                        evidence: Evidence(scopes: grant.permissions))
                }
            }
            return hits
        }
    }

    /// WS-2: a granted scope is neither known to the platform nor approved for any partner.
    ///
    /// Known to the platform means listed by the organisation's own registries where an
    /// extraction read them (live dialect), else by the shipped list; the finding says which.
    struct UnknownScope: Rule {
        let id = "WS-2"
        func evaluate(_ context: EvaluationContext) async throws -> [RuleHit] {
            let approvedAnywhere = Set(context.policy.partners.flatMap(\.approvedScopes))
            let known = KnownGrants(shipped: context.catalog.knownScopes, organization: context.facts.registries)
            return context.clients.flatMap { client in
                client.snapshot.scopes
                    .filter { !$0.contains("*") && !known.contains($0) && !approvedAnywhere.contains($0) }
                    .map { scope in
                        RuleHit(client: client, subject: scope, severity: .medium,
                            detail: "\(client.name) holds '\(scope)', which is not in \(known.provenance) and not approved for any partner: misspelt, deprecated or invented.",
                            evidence: Evidence(scopes: [scope]))
                    }
            }
        }
    }
}
