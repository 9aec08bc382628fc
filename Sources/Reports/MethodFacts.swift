import Rules
import Warehouse

/// The rule catalog and the settings the findings were produced under.
struct MethodFacts: Sendable {
    var rules: [RuleDefinition]
    var policyDigest: String
    var policySource: String?
    var lookbackDays: Int
    /// The evaluations whose lookback overlaps the period.
    var evaluations: [EvaluationRecord]
    var reproduceCommand: String
}
