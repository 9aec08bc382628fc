/// Section 7: the rule catalog, the policy and the command that reproduces the pack.
struct MethodModel {
    struct Rule {
        var id: String
        var title: String
        var category: String
        var checks: [TextSegment]
        var severityRule: [TextSegment]
        var controls: String
    }

    struct Evaluation {
        var id: String
        var asOf: String
        var lookbackFrom: String
        var policyDigest: String
        var found: String
        /// Set when the evaluation ran under another policy than the one this pack was made with.
        var policyNote: String?
    }

    var rules: [Rule]
    /// `nil` when no policy file was read (the built-in defaults).
    var policyDigest: String?
    var policySource: String
    var lookbackDays: String
    var evaluations: [Evaluation]
    var noEvaluation: Bool
    var reproduce: String

    init(_ method: MethodFacts) {
        rules = method.rules.map {
            Rule(id: $0.id, title: $0.title, category: $0.category.rawValue, checks: TextSegment.split($0.checks),
                 severityRule: TextSegment.split($0.severityRule), controls: $0.controlReferences.joined(separator: ", "))
        }
        policyDigest = method.policyDigest == "defaults" ? nil : method.policyDigest
        policySource = method.policySource ?? "no policy file: the built-in defaults"
        lookbackDays = DisplayText.plural(method.lookbackDays, "day")
        evaluations = method.evaluations.map {
            Evaluation(id: String($0.id), asOf: DisplayText.time($0.asOf), lookbackFrom: DisplayText.time($0.lookbackFrom),
                       policyDigest: $0.policyDigest, found: DisplayText.count($0.found),
                       policyNote: $0.policyDigest == method.policyDigest ? nil : "a different policy from the one this pack was made with")
        }
        noEvaluation = method.evaluations.isEmpty
        reproduce = method.reproduceCommand
    }
}
