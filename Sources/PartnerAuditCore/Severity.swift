/// How bad a finding is, ordered from `info` to `critical`.
package enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The families of rules (rules.md): the first four are the mission categories.
package enum FindingCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case wildcardScope = "wildcard-scope"
    case leastPrivilege = "least-privilege"
    case allowlist
    case environmentReuse = "environment-reuse"
    case auditTrail = "audit-trail"
    case changeManagement = "change-management"
    case anomaly
}

/// Where a finding stands after the latest evaluation.
package enum FindingStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Found by the latest evaluation and not waived.
    case open
    /// Not found by the latest evaluation; kept, never deleted.
    case resolved
    /// Found, and covered by an unexpired waiver.
    case waived
}
