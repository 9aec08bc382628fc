import Foundation
import Logging
import PartnerAuditCore
import Reports
import Warehouse

/// Wires one evidence pack for `run` (the rolling daily pack) and `demo`.
struct ReportJob {
    var configuration: Configuration
    var verbose = false
    /// Log warnings only (the `run` command logs one line per step).
    var quiet = false

    /// Writes the pack of `period` into `folder` (default `{reports}/{organization}/{period}`).
    func run(period: ReportPeriod, folder: URL? = nil, commandLine: [String]) async throws -> EvidencePack {
        let policy = try LoadedPolicy.load(configuration.policy)
        let builder = EvidencePackBuilder(
            warehouse: try Warehouse(path: configuration.warehouse), policy: policy.policy, policyDigest: policy.digest,
            templates: try await TemplateSet.locate(),
            logger: .stderr("report", level: verbose ? .debug : (quiet ? .warning : .info)))
        let request = ReportRequest(
            organization: configuration.organization, period: period,
            outputFolder: folder ?? ReportRequest.defaultFolder(reports: configuration.reports, organization: configuration.organization, period: period),
            generatedAt: Date(), commandLine: commandLine)
        return try await builder.build(request)
    }
}
