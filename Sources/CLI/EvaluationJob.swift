import Foundation
import Logging
import PartnerAuditCore
import Rules
import Warehouse

/// Wires one evaluation: policy, scope catalog, warehouse, rule engine. Shared by `evaluate`, `demo` and `run`.
struct EvaluationJob {
    var configuration: Configuration
    var verbose = false
    /// Log warnings only (the `run` command logs one line per step).
    var quiet = false

    struct Outcome {
        var summary: LifecycleSummary
        var findings: [Finding]
        var report: String
        /// The chain's verdict the evaluation rests on; a broken one is an AT-2 finding among `findings`.
        var chain: ChainVerification
    }

    func run(asOf: Date) async throws -> Outcome {
        let policy = try LoadedPolicy.load(configuration.policy)
        let catalog = try ScopeCatalog.load(folder: configuration.catalog)
        guard FileManager.default.fileExists(atPath: configuration.warehouse) else {
            throw WarehouseError(.notFound, path: configuration.warehouse, message: "run `partner-audit extract` first")
        }
        let logger = Logger.stderr("evaluate", level: verbose ? .debug : (quiet ? .warning : .info))
        if policy.path == nil {
            logger.warning("no policy file at \(configuration.policy): running on defaults; rules that need partners' approved scopes or networks will say they cannot decide")
        }
        let engine = RuleEngine(warehouse: try Warehouse(path: configuration.warehouse), policy: policy.policy, catalog: catalog, logger: logger)
        let started = Date()
        let result: EvaluationResult
        do {
            result = try await engine.evaluate(asOf: Timestamp.milliseconds(asOf), policyDigest: policy.digest, startedAt: started, now: Date())
        } catch let unreadable as UnreadableBrokenWarehouse {
            throw IntegrityFailure(chain: unreadable.chain, consequence: "Nothing was evaluated or stored: \(unreadable).")
        }
        return Outcome(summary: result.summary, findings: result.findings, report: Self.report(result.summary, result.findings, asOf: asOf), chain: result.chain)
    }

    /// The summary `evaluate` and `demo` print: lifecycle, then counts by category and severity.
    static func report(_ summary: LifecycleSummary, _ findings: [Finding], asOf: Date) -> String {
        var lines = ["evaluated as of \(Timestamp.format(asOf)): \(summary.found) findings — \(summary.new) new, \(summary.stillOpen) still open, \(summary.resolvedDescription), \(summary.waived) waived"]
        let severities = Severity.allCases.reversed()
        lines.append("  " + "category".padding(toLength: 20, withPad: " ", startingAt: 0) + severities.map { $0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
        for category in FindingCategory.allCases {
            let inCategory = findings.filter { $0.category == category }
            let cells = severities.map { severity in String(inCategory.filter { $0.severity == severity }.count).padding(toLength: 9, withPad: " ", startingAt: 0) }
            lines.append("  " + category.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}
