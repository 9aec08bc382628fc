import ArgumentParser
import Foundation
import Logging
import PartnerAuditCore
import Source

/// `partner-audit doctor`: checks the configured OAuth client against the live platform before a
/// first run: the token, each read the tool makes, and the client's own grant.
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the configured OAuth client: its token, every read the tool needs, and its own grant.",
        discussion: """
            Asks the platform for each read extract makes (OAuth clients, roles, the IP allowlist, the audit \
            query, API usage, the scope registry and the permission catalog) with the cheapest request that \
            needs the same grant, and says which answer, which are forbidden, and which rules a forbidden \
            optional read leaves not testable. Then reads the tool's own client and warns of every permission \
            it holds beyond those reads: least privilege for the auditor too. Stores nothing. \
            Exit 0 when every required read answers, 3 when one does not (or the token is refused).

            Example: PARTNER_AUDIT_CLIENT_ID=… PARTNER_AUDIT_CLIENT_SECRET=… partner-audit doctor --config /etc/partner-audit/partner-audit.yml
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("api-url"), help: "The API base URL (overrides source.apiURL / source.region).")
    var apiURL: String?

    @Option(name: .customLong("login-url"), help: "The login base URL (default: the API URL with api. replaced by login.).")
    var loginURL: String?

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            let source = configuration.source
            let endpoint = try SourceEndpoint(region: source.region, apiURL: apiURL ?? source.apiURL, loginURL: loginURL ?? source.loginURL)
            let credentials = try CredentialsSource.load(file: source.credentialsFile)
            let logger = Logger.stderr("doctor", level: global.verbose ? .debug : .warning)
            let httpClient = APIClient.makeHTTPClient()
            let clock = SystemClock()
            let api = APIClient(
                endpoint: endpoint, credentials: credentials, httpClient: httpClient,
                requestsPerMinute: source.requestsPerMinute, retry: RetryPolicy(maxAttempts: source.maxAttempts),
                requestDeadline: .seconds(source.requestTimeoutSeconds), clock: clock, logger: logger)
            Console.report("doctor: \(source.resolvedDialect) dialect, \(endpoint.apiURL), OAuth client \(credentials.clientID)")
            let answered: Bool
            do {
                answered = try await diagnose(api: api, dialect: source.resolvedDialect, clientID: credentials.clientID, clock: clock)
                try await httpClient.shutdown()
            } catch {
                try? await httpClient.shutdown()
                throw error
            }
            if !answered { throw ExitCode(ExitStatus.sourceFailed.rawValue) }
        }
    }

    /// Prints the checks; `false` when a required read does not answer.
    private func diagnose(api: APIClient, dialect: SourceDialect, clientID: String, clock: any WallClock) async throws -> Bool {
        try await api.authenticate()
        Console.report(DoctorReport.line("token", "ok", "client credentials accepted"))
        guard dialect == .live else {
            Console.report("The guide dialect has no roles, registries or usage service to check: extract reads the clients and the audit log.")
            return true
        }
        let check = LiveAccessCheck(api: api, clock: clock)
        let report = DoctorReport(probes: await check.probe())
        let own: Result<ClientSnapshot, any Error>
        do { own = .success(try await check.ownClient(id: clientID)) } catch { own = .failure(error) }
        Console.report(report.text(ownClient: own))
        return report.requiredReadsAnswer
    }
}
