import ArgumentParser
import Foundation
import PartnerAuditCore
import Rules
import Warehouse

/// `partner-audit evaluate`: runs every rule over the warehouse and moves the findings' lifecycle.
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every rule over the warehouse and store the findings.",
        discussion: """
            Evaluates the client snapshots valid at --as-of and the events in the policy's lookback before it. \
            Findings not found again are resolved (kept, never deleted); a matching unexpired waiver marks one waived. \
            Rules: \(RuleCatalog.all.map(\.id).joined(separator: ", ")) — see `partner-audit findings --help`.

            Example: partner-audit evaluate --as-of 2026-10-01 --fail-on high
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: "The evaluation moment (2026-10-01 or 2026-10-01T00:00:00Z); default: now.")
    var asOf: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when an open finding is at or above this severity (info, low, medium, high, critical).")
    var failOn: Severity?

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            let moment = try asOf.map { try MomentArgument.parse($0, option: "--as-of") } ?? Date()
            let outcome = try await EvaluationJob(configuration: configuration, verbose: global.verbose).run(asOf: moment)
            Console.output(outcome.report)
            try IntegrityFailure.check(outcome.chain, "Only the critical AT-2 was stored: over a broken chain no other finding is written, opened again or resolved, so no row changed behind the tool's back is written over.")
            try FailThreshold.check(outcome.findings, failOn: failOn)
        }
    }
}

extension Severity: ExpressibleByArgument {}

/// `--fail-on`: exit 1 when an open finding is at or above the threshold.
enum FailThreshold {
    static func check(_ findings: [Finding], failOn: Severity?) throws {
        guard let failOn else { return }
        let failing = findings.filter { $0.status == .open && $0.severity >= failOn }
        if !failing.isEmpty {
            FileHandle.standardError.write(Data("partner-audit: \(failing.count) open finding(s) at or above \(failOn.rawValue)\n".utf8))
            throw ExitCode(ExitStatus.findingsAtThreshold.rawValue)
        }
    }
}
