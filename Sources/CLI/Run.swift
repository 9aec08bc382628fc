import ArgumentParser
import Extractor
import Foundation
import Logging
import PartnerAuditCore
import Reports
import Source

/// `partner-audit run`: the nightly job in one line — extract, evaluate, report.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract, evaluate and write the rolling daily pack: the one line a cron entry calls.",
        discussion: """
            Holds a lock beside the warehouse, so a second run started while one is going exits 5 at once. \
            Logs one line per step on stderr. If extraction fails, the run still evaluates what is stored \
            (the gap becomes an AT-1 finding) and then exits 3. If the warehouse's hash chain does not verify, \
            it stores nothing (no events, no findings, no pack) and exits 4, night after night, until an operator acts.

            Example: partner-audit run --config /etc/partner-audit/partner-audit.yml --fail-on high
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("fail-on"), help: "Exit 1 when an open finding is at or above this severity.")
    var failOn: Severity?

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            let logger = Logger.stderr("run", level: .info)
            let lock = try RunLock(warehouse: configuration.warehouse)
            defer { withExtendedLifetime(lock) {} }
            let started = Date()

            var sourceFailure: (any Error)?
            do {
                let source = configuration.source
                let endpoint = try SourceEndpoint(region: source.region, apiURL: source.apiURL, loginURL: source.loginURL)
                let job = ExtractionJob(configuration: configuration, endpoint: endpoint,
                                        credentials: try CredentialsSource.load(file: source.credentialsFile),
                                        verbose: global.verbose, quiet: true)
                let summary = try await job.run(since: nil, until: nil, settings: ExtractionJob.settings(from: source))
                logger.info("extract: \(summary.eventsStored) new events in \(summary.windows) windows, \(summary.requests) requests (\(summary.rateLimited) answered 429), \(summary.clients) clients")
            } catch let error as ExitCodeProviding where error.exitStatus == .sourceFailed {
                logger.error("extract failed: \(error); evaluating what is stored")
                sourceFailure = error
            }

            let evaluation = try await EvaluationJob(configuration: configuration, verbose: global.verbose, quiet: true).run(asOf: Date())
            let open = evaluation.findings.filter { $0.status == .open }
            logger.info("evaluate: \(evaluation.summary.found) findings (\(evaluation.summary.new) new, \(evaluation.summary.resolvedDescription), \(evaluation.summary.waived) waived); open by severity: \(Self.bySeverity(open))")
            try IntegrityFailure.check(evaluation.chain, "Only the critical AT-2 was stored; no pack was written.")

            let report = ReportJob(configuration: configuration, verbose: global.verbose, quiet: true)
            let pack = try await report.run(report.request(
                period: ReportPeriod.rollingDay(endingAt: Date()), commandLine: ["partner-audit"] + CommandLine.arguments.dropFirst()))
            logger.info("report: \(pack.folder.path) (\(pack.findingCount) findings; verify with partner-audit verify --pack \(pack.folder.path))")

            // The heads it ended on, in the one line cron mail and syslog keep (and the anchors file, if configured).
            let heads = try await AnchorsFile.record(configuration)
            logger.info("done in \(String(format: "%.1f", Date().timeIntervalSince(started)))s; \(heads)")
            if let sourceFailure { throw sourceFailure }
            try FailThreshold.check(evaluation.findings, failOn: failOn)
        }
    }

    static func bySeverity(_ findings: [Finding]) -> String {
        Severity.allCases.reversed().map { severity in "\(findings.filter { $0.severity == severity }.count) \(severity.rawValue)" }.joined(separator: ", ")
    }
}
