import Foundation
import Logging
import PartnerAuditCore
import Reports
import Warehouse

/// Wires one evidence pack: policy, templates, warehouse, builder. Shared by `report`, `run`
/// (the rolling daily pack) and `demo`.
struct ReportJob {
    var configuration: Configuration
    var verbose = false
    /// Log warnings only (the `run` command logs one line per step).
    var quiet = false

    /// The request for `period` into `folder` (default `{reports}/{organization}/{period}`), every framework and format.
    func request(period: ReportPeriod, folder: URL? = nil, commandLine: [String]) -> ReportRequest {
        ReportRequest(
            organization: configuration.organization, period: period,
            outputFolder: folder ?? ReportRequest.defaultFolder(reports: configuration.reports, organization: configuration.organization, period: period),
            generatedAt: Date(), commandLine: commandLine)
    }

    /// Builds the pack; `templates` names a templates folder, else the usual lookup applies.
    func run(_ request: ReportRequest, templates: String? = nil) async throws -> EvidencePack {
        guard FileManager.default.fileExists(atPath: configuration.warehouse) else {
            throw WarehouseError(.notFound, path: configuration.warehouse, message: "run `partner-audit extract` and `evaluate` first")
        }
        let policy = try LoadedPolicy.load(configuration.policy)
        var builder = EvidencePackBuilder(
            warehouse: try Warehouse(path: configuration.warehouse), policy: policy.policy, policyDigest: policy.digest,
            templates: try await TemplateSet.locate(explicit: templates),
            logger: .stderr("report", level: verbose ? .debug : (quiet ? .warning : .info)))
        builder.signingKey = try configuration.signingKey.map(SigningKey.load)
        return try await builder.build(request)
    }
}
