/// The faults the simulator injects into API requests (the token endpoint is spared random faults).
///
/// Parsed from the `--faults` text, e.g. `429=0.05,5xx=0.05,drop=0.02,slow=0.01,late`,
/// `budget=300/min`, `all` or `none`:
/// - `429=p`: answer 429 with `Retry-After: 1` and the `inin-ratelimit-*` headers;
/// - `5xx=p`: answer 500, 502, 503 or 504;
/// - `drop=p`: send the head and part of the body, then break the connection;
/// - `slow=p`: delay the answer by `slowDelay` (2 s) on the injected clock;
/// - `late`: some of the last hour's events become visible 5–15 minutes after they happened;
/// - `budget=N/min`: a strict sliding window over the last 60 s of API requests; over it,
///   429 with the true `Retry-After`;
/// - `legacyallowlist` (live dialect): `GET /api/v2/organizations/authentication/settings`
///   answers 404, so a client must read the allowlist from the older
///   `GET /api/v2/organizations/ipaddressauthentication`. Not part of `all`;
/// - `failqueries` (live dialect): every audit query ends `Failed`, so a client's one
///   resubmission fails too. Not part of `all`;
/// - `forbid=PATH`: every API request whose path starts with `PATH` answers 403, as for an
///   OAuth client whose roles lack the permission. Not part of `all`;
/// - `overgrant` (live dialect): the extractor's own OAuth client also holds write permissions
///   it does not need (`doctor` warns of them). Not part of `all`.
/// Rates are probabilities per API request, between 0 and 1.
package struct FaultSpec: Sendable, Equatable, CustomStringConvertible {
    package var rateLimited: Double = 0
    package var serverErrors: Double = 0
    package var drops: Double = 0
    package var slow: Double = 0
    package var slowDelay: Duration = .seconds(2)
    package var late = false
    /// Requests allowed in any 60 s; `nil` for no limit.
    package var budgetPerMinute: Int?
    /// Live dialect: the authentication-settings endpoint is missing (404); only the legacy allowlist endpoint serves the list.
    package var legacyAllowlist = false
    /// Live dialect: every audit query transaction ends `Failed`.
    package var failingQueries = false
    /// API paths starting with this answer 403 (a missing permission); `nil` for none.
    package var forbiddenPath: String?
    /// Live dialect: the extractor's own client holds write permissions beside the reads it needs.
    package var overgrantedAuditor = false

    package init(
        rateLimited: Double = 0, serverErrors: Double = 0, drops: Double = 0, slow: Double = 0,
        slowDelay: Duration = .seconds(2), late: Bool = false, budgetPerMinute: Int? = nil, legacyAllowlist: Bool = false
    ) {
        self.rateLimited = rateLimited
        self.serverErrors = serverErrors
        self.drops = drops
        self.slow = slow
        self.slowDelay = slowDelay
        self.late = late
        self.budgetPerMinute = budgetPerMinute
        self.legacyAllowlist = legacyAllowlist
    }

    /// No faults at all.
    package static let none = FaultSpec()

    /// Every kind of fault at a rate a client must survive: what `all` means.
    package static let all = FaultSpec(rateLimited: 0.05, serverErrors: 0.05, drops: 0.02, slow: 0.01, late: true)

    /// The spec in the form `parse(_:)` reads.
    package var description: String {
        var items: [String] = []
        if rateLimited > 0 { items.append("429=\(rateLimited)") }
        if serverErrors > 0 { items.append("5xx=\(serverErrors)") }
        if drops > 0 { items.append("drop=\(drops)") }
        if slow > 0 { items.append("slow=\(slow)") }
        if late { items.append("late") }
        if let budgetPerMinute { items.append("budget=\(budgetPerMinute)/min") }
        if legacyAllowlist { items.append("legacyallowlist") }
        if failingQueries { items.append("failqueries") }
        if let forbiddenPath { items.append("forbid=\(forbiddenPath)") }
        if overgrantedAuditor { items.append("overgrant") }
        return items.isEmpty ? "none" : items.joined(separator: ",")
    }
}
