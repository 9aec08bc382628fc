import Foundation
import Logging
import PartnerAuditCore
import Reports
import Rules
import Warehouse

/// A warehouse of client snapshots in the live dialect's shape, and an evidence pack builder
/// over it: every client carries the organisation-wide IP allowlist (`ipAllowlistScope: .organization`).
///
/// The organisation held `earlierList` from before 2026-Q3 until `listChange` (2026-08-15),
/// then `currentList` (or the list the test names): the grants held before the change carry
/// the earlier list. `retiredID` was deleted on that day, so it was last seen with the
/// earlier list. No events and no evaluation: the pack's only findings are AT-1's gaps,
/// which name no allowlist entry.
final class OrganizationAllowlistFixture: @unchecked Sendable {
    static let earlierList = ["198.51.100.0/24", "203.0.113.8/29"]
    /// One entry of `currentList` that appears nowhere else in a pack.
    static let marker = "192.0.2.77/32"
    /// An entry as an attacker could write it into the organisation's settings.
    static let hostileEntry = #"10.9.0.0/16"><img src=x onerror=alert(9)>"#
    /// 40 entries.
    static let currentList = [marker, hostileEntry] + (0..<38).map { "100.64.\($0).0/24" }
    static let clientIDs = ["live-client-a", "live-client-b", "live-client-c"]
    static let retiredID = "live-client-retired"
    static let listChange = "2026-08-15T00:00:00.000Z"

    let folder: URL
    let warehousePath: String
    let templates: TemplateSet
    let period: ReportPeriod
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    init(currentList: [String] = OrganizationAllowlistFixture.currentList) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("org-allowlist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        warehousePath = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try Warehouse(path: warehousePath)
        let before = try Self.date("2026-06-20T00:00:00.000Z")
        _ = try await warehouse.recordClients((Self.clientIDs + [Self.retiredID]).map { Self.client($0, list: Self.earlierList) },
                                              runID: nil, at: before)
        _ = try await warehouse.recordClients(Self.clientIDs.map { Self.client($0, list: currentList) }, runID: nil, at: try Self.date(Self.listChange))
        templates = try await TemplateSet(folder: ReportFixture.templatesFolder)
        period = try ReportPeriod.parse("2026-Q3")
    }

    /// A live-dialect client: its roles' permissions as scopes, the organisation's list as its allowlist.
    static func client(_ id: String, list: [String]) -> ClientSnapshot {
        let raw = JSONValue.object([
            "id": .string(id), "name": .string("Partner-Integration-Prod-\(id)"),
            "organizationIpAllowlist": .array(list.map(JSONValue.string)),
        ])
        return ClientSnapshot(id: id, name: "Partner-Integration-Prod-\(id)", scopes: ["analytics:conversationDetail:view"],
                              ipAllowlist: list, ipAllowlistScope: .organization, dateCreated: "2026-01-05T00:00:00.000Z",
                              rawJSON: raw.canonicalText)
    }

    /// Builds the Q3 pack into a fresh folder, made the day after the quarter.
    func pack(named name: String = "pack") async throws -> EvidencePack {
        let builder = EvidencePackBuilder(warehouse: try Warehouse(path: warehousePath), policy: .defaults, policyDigest: "test-policy",
                                          templates: templates, logger: logger)
        let request = ReportRequest(organization: "live-org", period: period, outputFolder: folder.appendingPathComponent(name),
                                    generatedAt: try Self.date("2026-10-02T00:00:00.000Z"), commandLine: ["partner-audit", "report", "--period", "2026-Q3"])
        return try await builder.build(request)
    }

    func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func date(_ text: String) throws -> Date {
        guard let date = Timestamp.parse(text) else { throw FixtureError("\(text) is not a timestamp") }
        return date
    }
}
