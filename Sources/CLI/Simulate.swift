import ArgumentParser
import Foundation
import Logging
import PartnerAuditCore
import Simulator

/// `partner-audit simulate`: serves a seeded organisation on loopback until stopped.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a simulated Genesys Cloud organisation on 127.0.0.1, in the guide or the live dialect.",
        discussion: """
            Generates --scale audit events over the --days before it started, lazily (memory stays flat), \
            and planted misconfigurations for every rule. --dialect guide (the default) serves the guide's \
            API: per-client scopes and IP allowlists and GET /api/v2/auditlogs. --dialect live serves the \
            same organisation as Genesys Cloud does today: grants as roles (GET /api/v2/authorization/roles), \
            one organisation-wide IP allowlist (GET /api/v2/organizations/authentication/settings) and the \
            asynchronous audit query (POST /api/v2/audits/query, then poll, then page the results by cursor, \
            some pages redirected to a second loopback listener). Accepts only the credentials in its own \
            PARTNER_AUDIT_CLIENT_ID / PARTNER_AUDIT_CLIENT_SECRET (default demo-extractor / demo-secret). \
            Faults: --faults "429=0.05,5xx=0.05,drop=0.02,slow=0.01,late", "all", "budget=300/min" or "none"; \
            with --dialect live, "legacyallowlist" answers 404 on the authentication settings so the allowlist \
            must be read from GET /api/v2/organizations/ipaddressauthentication; "failqueries" makes every audit \
            query end Failed; "forbid=/api/v2/audits/query" \
            answers 403 under that path, as for a client whose roles lack the permission. \
            --policy-out writes the policy of the chosen dialect (approved scopes, or in live the permissions they translate to). \
            --gateway-log DIR writes the partner gateway's access log of every partner call (--gateway-format kong, \
            aws-apigateway, envoy or nginx-json), rotated, with two malformed lines and a torn last line. \
            Prints `listening on http://127.0.0.1:PORT` once ready; stops on Ctrl-C or SIGTERM.

            Example: partner-audit simulate --port 8080 --scale 1000000 --faults 429=0.02,5xx=0.02 --policy-out policy.yml
            Example: partner-audit simulate --dialect live --faults legacyallowlist --policy-out live-policy.yml
            """)

    @Option(help: "The loopback port (0 picks a free one).")
    var port = 0

    @Option(help: "The seed of the organisation: the same seed serves the same organisation.")
    var seed: UInt64 = 1

    @Option(help: "How many audit events to serve (1,000 to 10,000,000).")
    var scale = 10_000

    @Option(help: "Over how many days before the start the events are spread.")
    var days = 90

    @Option(help: "How many OAuth clients to serve (0 to 10,000): the 25 planted ones, then clean apps of generated partners.")
    var clients = SimulatorOptions.plantedClientCount

    @Option(help: "Faults to inject: none, all, or a list such as 429=0.05,5xx=0.05,drop=0.02,slow=0.01,late,budget=300/min,legacyallowlist,failqueries,forbid=/api/PATH.")
    var faults = "none"

    @Option(help: "The API dialect to serve: guide (source-api.md sections 1-3) or live (section 4).")
    var dialect: SourceDialect = .guide

    @Option(name: .customLong("query-seconds"), help: "Live dialect: how long each audit query runs before it succeeds, in seconds (0 to 3600), as the platform's take seconds to minutes.")
    var querySeconds = 0.5

    @Option(name: .customLong("latency-ms"), help: "How long every answer is held back, in milliseconds (0 to 60000), as a real platform's requests take hundreds.")
    var latencyMilliseconds = 0

    @Option(name: .customLong("policy-out"), help: "Write the policy file that matches the organisation (in the chosen dialect) here.")
    var policyOut: String?

    @Option(name: .customLong("gateway-log"), help: "Write the partner gateway's access log of every partner call into this folder, rotated (access.log.2.gz, access.log.1, access.log).")
    var gatewayLog: String?

    @Option(name: .customLong("gateway-format"), help: "The gateway whose log format --gateway-log writes: kong, aws-apigateway, envoy or nginx-json.")
    var gatewayFormat = GatewayPreset.kong.rawValue

    func validate() throws {
        guard (1_000...10_000_000).contains(scale) else { throw ValidationError("--scale must be between 1000 and 10000000") }
        guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650") }
        guard (0...SimulatorOptions.maximumClients).contains(clients) else {
            throw ValidationError("--clients must be between 0 and \(SimulatorOptions.maximumClients), got \(clients)")
        }
        guard (0...3600).contains(querySeconds) else { throw ValidationError("--query-seconds must be between 0 and 3600, got \(querySeconds)") }
        guard (0...60_000).contains(latencyMilliseconds) else { throw ValidationError("--latency-ms must be between 0 and 60000, got \(latencyMilliseconds)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        do { _ = try FaultSpec.parse(faults) } catch { throw ValidationError("--faults: \(error)") }
        guard GatewayPreset(rawValue: gatewayFormat) != nil else {
            throw ValidationError("--gateway-format must be one of \(GatewayPreset.allCases.map(\.rawValue).joined(separator: ", ")), not '\(gatewayFormat)'")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            var options = SimulatorOptions()
            options.seed = seed
            options.scale = scale
            options.days = days
            options.clients = clients
            options.faults = try FaultSpec.parse(faults)
            options.dialect = dialect
            options.querySeconds = querySeconds
            options.latencyMilliseconds = latencyMilliseconds
            options.clientID = environment[CredentialsSource.idVariable] ?? options.clientID
            options.clientSecret = environment[CredentialsSource.secretVariable] ?? options.clientSecret
            let organization = SimulatedOrganization(options: options, start: Date())
            if let policyOut {
                try Data(organization.policyYAML.utf8).write(to: URL(fileURLWithPath: policyOut))
            }
            if let gatewayLog, let format = GatewayPreset(rawValue: gatewayFormat) {
                let written = try organization.writeGatewayLog(to: gatewayLog, format: format, visibleAt: Date())
                Console.output("gateway log (\(format.rawValue)): \(written.requests) requests and \(written.malformed) malformed lines in \(written.files.joined(separator: ", "))")
            }
            let simulator = try await SimulatorServer.start(
                organization: organization, port: port, clock: SystemClock(), logger: .stderr("simulate", level: .warning),
                stopsOnSignals: true)
            Console.output("listening on \(simulator.baseURL)")
            await simulator.stopped()
        }
    }
}
