import ArgumentParser
import Foundation
import Logging
import PartnerAuditCore
import Simulator
import Reports
import Source
import Warehouse

/// `partner-audit demo`: the whole job against the built-in simulator, in one command.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the job end to end against the built-in simulator.",
        discussion: """
            Starts the simulator on a free loopback port with a seeded organisation, writes its policy, \
            extracts into a fresh warehouse in --out (skipping one night on purpose, so the audit-trail rules \
            have a gap to report), verifies the hash chain, evaluates every rule, prints the findings summary \
            and writes an evidence pack to --out/pack. With --dialect live the simulator serves, and the \
            extractor speaks, Genesys Cloud's live API: role-based grants, the organisation-wide allowlist, \
            the asynchronous audit query.

            Example: swift run partner-audit demo --scale 50000 --dialect live
            """)

    @Option(help: "Where the demo's warehouse, policy and reports go.")
    var out = "reports/demo"

    @Option(help: "How many audit events the simulated organisation holds.")
    var scale = 20_000

    @Option(help: "The seed of the simulated organisation.")
    var seed: UInt64 = 1

    @Option(help: "The API dialect the simulator serves and the extractor speaks: guide or live.")
    var dialect: SourceDialect = .guide

    @Flag(help: "Replace a warehouse in --out that an earlier demo did not make.")
    var force = false

    /// The file that marks a folder as the demo's own: its warehouse may be replaced.
    static let marker = ".partner-audit-demo"
    /// The folder in --out the live demo writes the gateway's access logs into, replacing it.
    static let gatewayFolder = "gateway"

    /// Makes sure the folder is the demo's to overwrite: a warehouse there that no demo made
    /// (a real one, say, behind a mistyped --out) is kept unless --force says otherwise.
    static func claim(_ folder: URL, warehouse: String, force: Bool) throws {
        let marker = folder.appendingPathComponent(Self.marker)
        // What demo replaces: its warehouse, its policy (an operator's policy.yml is no less
        // precious) and, in the live dialect, the gateway folder it writes its logs into anew.
        let replaced = [warehouse, folder.appendingPathComponent("policy.yml").path, folder.appendingPathComponent(Self.gatewayFolder).path]
        if let found = replaced.first(where: FileManager.default.fileExists(atPath:)), !FileManager.default.fileExists(atPath: marker.path), !force {
            throw UsageError("\(found) exists and no demo made it: demo replaces the warehouse, the policy and the gateway folder in --out, so it leaves this one alone. Choose another --out, or pass --force to replace it")
        }
        try Data("A partner-audit demo writes here; its warehouse is replaced by the next demo.\n".utf8).write(to: marker)
    }

    func validate() throws {
        guard (1_000...10_000_000).contains(scale) else { throw ValidationError("--scale must be between 1000 and 10000000") }
    }

    func run() async throws {
        try await reportingFailures {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let warehousePath = folder.appendingPathComponent("warehouse.sqlite").path
            try Self.claim(folder, warehouse: warehousePath, force: force)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: warehousePath + suffix) }

            var options = SimulatorOptions()
            options.seed = seed
            options.scale = scale
            options.dialect = dialect
            let start = Date()
            let organization = SimulatedOrganization(options: options, start: start)
            let policyPath = folder.appendingPathComponent("policy.yml").path
            try Data(organization.policyYAML.utf8).write(to: URL(fileURLWithPath: policyPath))
            let simulator = try await SimulatorServer.start(
                organization: organization, port: 0, clock: SystemClock(), logger: .stderr("simulate", level: .warning))
            Console.output("simulator: \(simulator.baseURL) — \(dialect) dialect, \(scale) events over \(options.days) days, seed \(seed)")

            var configuration = Configuration()
            configuration.organization = "demo-contact-center"
            configuration.warehouse = warehousePath
            configuration.policy = policyPath
            configuration.source.apiURL = simulator.baseURL
            configuration.source.dialect = dialect
            configuration.source.pageSize = 500
            configuration.source.requestsPerMinute = 60_000
            // The simulator answers a usage query at its second poll: no minute-long waits on loopback.
            configuration.source.usageFirstPollSeconds = 0
            if dialect == .live {
                // The partner gateway's access log: the partners' own addresses, which the live platform never records.
                let gatewayFolder = folder.appendingPathComponent(Self.gatewayFolder)
                try? FileManager.default.removeItem(at: gatewayFolder)
                let written = try organization.writeGatewayLog(to: gatewayFolder.path, format: .kong, visibleAt: start)
                configuration.gateway = [GatewayLogSettings(path: gatewayFolder.appendingPathComponent("access.log*").path, format: GatewayLogFormat(.kong))]
                Console.output("gateway:   \(written.requests) partner requests in Kong's file-log format, rotated, in \(gatewayFolder.path)")
            }
            let job = ExtractionJob(
                configuration: configuration,
                endpoint: try SourceEndpoint(apiURL: simulator.baseURL, loginURL: simulator.baseURL),
                credentials: Credentials(clientID: options.clientID, clientSecret: Secret(options.clientSecret)))
            do {
                // The simulator's log is complete when it starts: extract all of it with no lag, from the
                // midnight before its first event, so the pack's first day is covered whole.
                let firstEvent = Timestamp.milliseconds(start) - .days(options.days)
                let since = Timestamp.date(milliseconds: firstEvent - firstEvent % TimeSpan.day.milliseconds)
                // One night is skipped on purpose, so the audit-trail rules have a gap to report (AT-1).
                let now = Date()
                let missedNight = Self.missedNight(before: start)
                let settings = ExtractionJob.settings(from: configuration.source)
                let before = try await job.run(since: since, until: missedNight.from, settings: settings)
                let after = try await job.run(since: missedNight.to, until: now, settings: settings)
                Console.output(before.report(warehouse: warehousePath))
                Console.output(after.report(warehouse: warehousePath))
                Console.output("  skipped:  \(Timestamp.format(missedNight.from)) to \(Timestamp.format(missedNight.to)), as if one nightly run had not happened — the AT-1 finding below")
                let chain = try await Warehouse(path: warehousePath).verifyChain()
                Console.output("  chain:    \(chain.isIntact ? "verified" : "BROKEN"), \(chain.rows) events, head \(chain.head.prefix(16))…\n")
                let evaluation = try await EvaluationJob(configuration: configuration).run(asOf: Date())
                Console.output(evaluation.report)
                let period = try ReportPeriod.between(
                    String(Timestamp.format(since).prefix(10)), and: String(Timestamp.format(now).prefix(10)))
                let report = ReportJob(configuration: configuration, quiet: true)
                let pack = try await report.run(report.request(
                    period: period, folder: folder.appendingPathComponent("pack"), commandLine: ["partner-audit", "demo"]))
                Console.output("""

                    evidence pack: \(pack.folder.path)/report.html
                                   (\(pack.findingCount) findings; partner-audit verify --pack \(pack.folder.path))
                    """)
                Console.output("""

                    policy:    \(policyPath)
                    warehouse: \(warehousePath)
                    try:       swift run partner-audit findings --warehouse \(warehousePath) --severity high
                               swift run partner-audit query --warehouse \(warehousePath) "SELECT action, outcome, count(*) FROM events GROUP BY 1, 2"
                    """)
            } catch {
                await simulator.shutdown()
                throw error
            }
            await simulator.shutdown()
        }
    }

    /// The day the demo does not extract: midnight to midnight, 30 days before the simulator started.
    static func missedNight(before start: Date) -> (from: Date, to: Date) {
        let day = Timestamp.milliseconds(start) - .days(30)
        let midnight = day - day % TimeSpan.day.milliseconds
        return (Timestamp.date(milliseconds: midnight), Timestamp.date(milliseconds: midnight + .day))
    }
}
