/// The organisation's policy (`policy.yml`): thresholds, partners and their networks, waivers.
///
/// The file is optional. Without it every rule runs on `Policy.defaults`, partners are
/// inferred from client names, and LP-1 and the network-based rules report that they lack
/// data; `isDefault` tells them which case they are in. See `spec/rules.md`.
package struct Policy: Sendable, Equatable {
    /// The policy every rule runs on when there is no file.
    package static let defaults = Policy()

    /// The file this policy was read from; `nil` for the built-in defaults.
    package var source: String?
    /// How far back the event-based rules look.
    package var lookbackDays = 90
    /// LP-5: an active client without activity for this long is dormant.
    package var dormantDays = 60
    /// LP-6: a secret older than this should have been rotated.
    package var secretMaxAgeDays = 90
    /// AL-2 and AL-3 thresholds.
    package var allowlist = AllowlistPolicy()
    /// AN-1 and AN-2 thresholds.
    package var anomaly = AnomalyPolicy()
    /// CM-1: when changes are expected; a widening outside these is high.
    package var changeWindows: [ChangeWindow] = []
    /// Partners in file order.
    package var partners: [PartnerPolicy] = []
    /// Accepted risks in file order.
    package var waivers: [Waiver] = []

    package init() {}

    /// Whether no policy file was read (the built-in defaults are in force).
    package var isDefault: Bool { source == nil }
}
