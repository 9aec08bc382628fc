import Foundation
import Logging
import PartnerAuditCore
import Reports
import Rules
import Simulator
import TestSupport
import Warehouse

/// A simulated organisation with hostile text in its clients, extracted and evaluated, and
/// an evidence pack builder over its warehouse.
///
/// The simulator's events span the 90 days before 2026-10-01, so 2026-Q3 is covered except
/// its first two days (an AT-1 gap). One planted WS-1 client is renamed, inside the quarter,
/// to a name carrying `<script>` and `onerror=` payloads, so the hostile text reaches a
/// finding, the inventory and the changes; the simulator's hostile app adds a hostile
/// description, redirect URI and user agents.
final class ReportFixture: @unchecked Sendable {
    static let hostileName = #"<script>alert("name")</script><img src=x onerror=alert(2)>"#
    static let hostileDescription = #"Sync </td></tr></table><script>document.title='pwned'</script><svg onload=alert(3)>"#

    let simulator: SimulatorFixture
    let policy: Policy
    let templates: TemplateSet
    let renamedClientID: String
    let period: ReportPeriod

    /// The repository's templates folder.
    static var templatesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    init(scale: Int = 4_000) async throws {
        simulator = try await SimulatorFixture(scale: scale, days: 90)
        let organization = simulator.organization
        guard let planted = organization.plantedMisconfigurations.first(where: { $0.ruleId == "WS-1" && $0.primary }) else {
            throw FixtureError("the simulator planted no WS-1 client")
        }
        renamedClientID = planted.clientId
        organization.updateClient(id: planted.clientId, at: SimulatorFixture.start.addingTimeInterval(-5 * 86_400)) {
            $0.name = Self.hostileName
            $0.description = Self.hostileDescription
        }
        simulator.clock.advance(by: .seconds(3600))
        _ = try await simulator.extractor(warehouse: try simulator.warehouse()).run()
        policy = try Policy(yaml: organization.policyYAML, file: "policy.yml", knownRuleIDs: RuleCatalog.ids)
        let engine = RuleEngine(warehouse: try simulator.warehouse(), policy: policy, catalog: try ScopeCatalog.load(), logger: simulator.logger)
        _ = try await engine.evaluate(asOf: Timestamp.milliseconds(simulator.clock.now), policyDigest: "test-policy", startedAt: Date(), now: Date())
        templates = try await TemplateSet(folder: Self.templatesFolder)
        period = try ReportPeriod.parse("2026-Q3")
    }

    func builder() throws -> EvidencePackBuilder {
        EvidencePackBuilder(warehouse: try simulator.warehouse(), policy: policy, policyDigest: "test-policy", templates: templates, logger: simulator.logger)
    }

    /// Builds the Q3 pack into a fresh folder under the fixture's, made a day after the quarter
    /// (its evaluation ran an hour after the quarter ended) unless told otherwise.
    func pack(named name: String = "pack", generatedAt: Date? = nil, withEvents: Bool = false) async throws -> EvidencePack {
        let request = ReportRequest(
            organization: "test-org", period: period, outputFolder: simulator.folder.appendingPathComponent(name), withEvents: withEvents,
            generatedAt: generatedAt ?? simulator.clock.now.addingTimeInterval(86_400), commandLine: ["partner-audit", "report", "--period", "2026-Q3"])
        return try await builder().build(request)
    }

    func tearDown() async {
        await simulator.tearDown()
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
