import ArgumentParser
import Foundation
import PartnerAuditCore
import Source

/// `partner-audit extract`: token → OAuth clients snapshot → audit log, window by window.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the OAuth clients and the audit log into the warehouse.",
        discussion: """
            Pages every closed window from the last watermark (minus the overlap) to now minus the lag. \
            Each window is committed with its checkpoint in one transaction: a run killed at any moment \
            and started again stores every event exactly once. Credentials come from \
            PARTNER_AUDIT_CLIENT_ID / PARTNER_AUDIT_CLIENT_SECRET or source.credentialsFile (mode 0600).

            Example: PARTNER_AUDIT_CLIENT_ID=… PARTNER_AUDIT_CLIENT_SECRET=… partner-audit extract --config /etc/partner-audit/partner-audit.yml
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Start of the range (2026-09-01 or 2026-09-01T00:00:00Z); default: the watermark minus the overlap.")
    var since: String?

    @Option(help: "End of the range (exclusive); default: now minus the lag. A run with --until does not move the watermark.")
    var until: String?

    @Option(name: .customLong("api-url"), help: "The API base URL (overrides source.apiURL / source.region).")
    var apiURL: String?

    @Option(name: .customLong("login-url"), help: "The login base URL (default: the API URL with api. replaced by login.).")
    var loginURL: String?

    @Option(help: "The source's dialect: guide or live (overrides source.dialect; default live when source.region is set, else guide).")
    var dialect: SourceDialect?

    func run() async throws {
        try await reportingFailures {
            var configuration = try global.loadConfiguration()
            configuration.source.dialect = dialect ?? configuration.source.dialect
            let since = try self.since.map { try MomentArgument.parse($0, option: "--since") }
            let until = try self.until.map { try MomentArgument.parse($0, option: "--until") }
            let source = configuration.source
            let endpoint = try SourceEndpoint(region: source.region, apiURL: apiURL ?? source.apiURL, loginURL: loginURL ?? source.loginURL)
            let credentials = try CredentialsSource.load(file: source.credentialsFile)
            // The same lock as `run`: an extract and a nightly run never write the warehouse at once.
            let lock = try RunLock(warehouse: configuration.warehouse)
            defer { withExtendedLifetime(lock) {} }
            let job = ExtractionJob(configuration: configuration, endpoint: endpoint, credentials: credentials, verbose: global.verbose)
            let summary = try await job.run(since: since, until: until, settings: ExtractionJob.settings(from: source))
            Console.output(summary.report(warehouse: configuration.warehouse))
            Console.output("  \(try await AnchorsFile.record(configuration))")
        }
    }
}

