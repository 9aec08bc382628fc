import Foundation
import Logging
import PartnerAuditCore
import Simulator

// The setting most command tests share: a simulated organisation served on loopback, a
// working folder whose partner-audit.yml points at it, and the binary with its credentials.

/// A simulator on a loopback port and a configuration file that points at it.
func servedOrganization(
    scale: Int = 3_000, days: Int = 3, windowHours: Int = 2, faults: String = "none", dialect: SourceDialect = .guide,
    pageSize: Int = 100, requestsPerMinute: Int = 100_000, querySeconds: Double = 0, prepare: (SimulatedOrganization) -> Void = { _ in }
) async throws -> (WorkingFolder, RunningSimulator) {
    var options = SimulatorOptions()
    options.dialect = dialect
    options.querySeconds = querySeconds
    options.scale = scale
    options.days = days
    options.faults = try FaultSpec.parse(faults)
    let organization = SimulatedOrganization(options: options, start: Date())
    prepare(organization)
    let simulator = try await SimulatorServer.start(
        organization: organization, port: 0, clock: SystemClock(), logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() })
    let folder = try WorkingFolder()
    try folder.write("partner-audit.yml", """
        organization: test-org
        source:
          apiURL: \(simulator.baseURL)
          dialect: \(dialect)
          pageSize: \(pageSize)
          requestsPerMinute: \(requestsPerMinute)
          usageFirstPollSeconds: 0
          lagMinutes: 0
          windowHours: \(windowHours)
        warehouse: \(folder.path("warehouse.sqlite"))
        """)
    return (folder, simulator)
}

func authenticatedRunner(_ folder: WorkingFolder, secret: String = "demo-secret") -> CommandLineRunner {
    var runner = CommandLineRunner(directory: folder.url)
    runner.environment = ["PARTNER_AUDIT_CLIENT_ID": "demo-extractor", "PARTNER_AUDIT_CLIENT_SECRET": secret]
    return runner
}
