import PartnerAuditCore

/// What the catalog says of one rule: the single source the engine, `--help`, `findings`
/// and the reports all read.
package struct RuleDefinition: Sendable, Hashable {
    /// e.g. `WS-1`.
    package var id: String
    package var category: FindingCategory
    package var title: String
    /// When it fires, in one sentence.
    package var checks: String
    /// How its severity is decided, in words (the rule itself decides per finding).
    package var severityRule: String
    package var controls: [Control]
    package var remediation: String

    /// The control references findings of this rule carry, e.g. `["SOC2:CC6.1", …]`.
    package var controlReferences: [String] { controls.map(\.reference) }
}
