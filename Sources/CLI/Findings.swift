import ArgumentParser
import Foundation
import PartnerAuditCore
import Rules
import Warehouse

/// `partner-audit findings`: ad-hoc queries over the stored findings.
struct Findings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List stored findings, filtered; as a table, JSON or CSV.",
        discussion: """
            Rules:
            \(RuleCatalog.all.map { "  \($0.id)  \($0.category.rawValue): \($0.title) (\($0.severityRule))" }.joined(separator: "\n"))

            Example: partner-audit findings --category allowlist --severity high --status open --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "wildcard-scope, least-privilege, allowlist, environment-reuse, audit-trail, change-management or anomaly.")
    var category: FindingCategory?

    @Option(help: "At or above this severity: info, low, medium, high, critical.")
    var severity: Severity?

    @Option(help: "One client id.")
    var client: String?

    @Option(help: "One partner id.")
    var partner: String?

    @Option(help: "open, resolved or waived.")
    var status: FindingStatus?

    @Option(help: "First seen at or after this date or time.")
    var since: String?

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a listed open finding is at or above this severity.")
    var failOn: Severity?

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            guard FileManager.default.fileExists(atPath: configuration.warehouse) else {
                throw WarehouseError(.notFound, path: configuration.warehouse, message: "run `partner-audit extract` and `evaluate` first")
            }
            var filter = FindingFilter()
            filter.category = category?.rawValue
            filter.minimumSeverity = severity
            filter.clientID = client
            filter.partner = partner?.lowercased()
            filter.status = status
            filter.firstSeenSince = try since.map { Timestamp.format(try MomentArgument.parse($0, option: "--since")) }
            let warehouse = try Warehouse(path: configuration.warehouse)
            // A value the tool never writes would trap the listing: stop before reading.
            if let misplaced = try await warehouse.misplacedFindingValue() {
                throw IntegrityFailure(chain: try await warehouse.verdict(holding: misplaced), consequence: "No finding was listed.")
            }
            let findings = try await warehouse.findings(filter)
            Console.output(try FindingsOutput.render(findings, format: format))
            try FailThreshold.check(findings, failOn: failOn)
        }
    }
}

extension FindingCategory: ExpressibleByArgument {}
extension FindingStatus: ExpressibleByArgument {}
