import PartnerAuditCore
import Warehouse

/// The grants WS-2 counts as known to the platform, and where that list came from.
///
/// The organisation's own registries (its OAuth scopes and its permission catalog, as the
/// latest extraction before the evaluation read them) stand in for the shipped list; a registry
/// never read falls back to the shipped list for its part. The finding names which was used.
package struct KnownGrants: Sendable, Equatable {
    package var grants: Set<String>
    /// In words, for a finding: "the organisation's permission catalog (read 2026-…) and …".
    package var provenance: String

    package init(shipped: Set<String>, organization: [GrantRegistry.Kind: StoredGrantRegistry]) {
        let read = organization.values.sorted { $0.registry.kind < $1.registry.kind }
        var grants = Set(read.flatMap(\.registry.entries))
        var sources = read.map { stored in
            let count = stored.registry.entries.count
            return "\(stored.registry.kind.title) (\(count) \(count == 1 ? "entry" : "entries"), read \(stored.readAt))"
        }
        if read.count < GrantRegistry.Kind.allCases.count {
            grants.formUnion(shipped)
            sources.append(read.isEmpty ? "the shipped known-grant registry" : "the shipped known-grant registry in place of those not read")
        }
        self.grants = grants
        provenance = sources.joined(separator: " and ")
    }

    package func contains(_ grant: String) -> Bool { grants.contains(grant) }
}
