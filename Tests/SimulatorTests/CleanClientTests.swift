import Foundation
import Testing
@testable import Simulator

@Suite("Clean clients stay clean")
struct CleanClientTests {
    static let reserved = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
                           "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3"]
        .compactMap(CatalogFiles.block)

    static func isPublic(_ block: NetworkBlock) -> Bool {
        !reserved.contains { reservedBlock in
            reservedBlock.contains(NetworkBlock.dotted(block.base)) || block.contains(NetworkBlock.dotted(reservedBlock.base))
        }
    }

    @Test("Partner networks are public-looking, /24 or narrower, and never shared")
    func networksArePublic() {
        let organization = SimulatedOrganization(options: SimulatorOptions(seed: 99, scale: 1_000), start: SimulatorFixture.start)
        let blocks = organization.partners.flatMap { partner in PartnerEnvironment.allCases.flatMap { partner.networks($0) } }
        #expect(blocks.allSatisfy(Self.isPublic))
        #expect(blocks.allSatisfy { $0.prefix >= 24 })
        #expect(Set(blocks.map { $0.base >> 16 }).count == blocks.count)
    }

    @Test("Clean apps call only from their allowlist, use every scope, and rotate secrets", arguments: [1_000, 30_000])
    func cleanAppsAreClean(scale: Int) async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: UInt64(scale), scale: scale)) { fixture in
            let organization = fixture.organization
            let log = try await EventLog.fetch(fixture)
            let rows = try CatalogFiles.endpointScopes()
            let known = try CatalogFiles.knownScopes()
            #expect(organization.cleanClientIDs.count >= 4)
            for id in organization.cleanClientIDs {
                let client = try #require(organization.clients.first { $0.id == id })
                try CleanClientChecks.expectClean(client, log: log, rows: rows, known: known)
            }
        }
    }

    @Test("Every API request has a catalogued method and path, and a matching scope when one is recorded")
    func requestsFollowTheCatalog() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 5_000)) { fixture in
            let log = try await EventLog.fetch(fixture)
            let rows = try CatalogFiles.endpointScopes()
            let requests = log.events.filter { $0["action"] as? String == "api.request" }
            #expect(requests.count > 3_000)
            for event in requests {
                let method = try #require(EventLog.detail(event, "method") as? String)
                let path = try #require(EventLog.detail(event, "path") as? String)
                let needed = try #require(CatalogFiles.scope(method: method, path: path, rows: rows), "\(method) \(path)")
                #expect(!path.contains("{"))
                if let recorded = EventLog.detail(event, "scope") as? String, !recorded.contains("*") {
                    #expect(recorded == needed)
                }
                #expect(EventLog.detail(event, "status") is Int)
                #expect(EventLog.detail(event, "sourceIp") is String)
                #expect(EventLog.detail(event, "userAgent") is String)
            }
            let withScope = requests.filter { EventLog.detail($0, "scope") != nil }.count
            #expect(withScope > requests.count / 3 && withScope < requests.count * 4 / 5, "about half record their scope")
        }
    }

    @Test("The same seed builds the same organisation; another seed a different one")
    func seedsAreDeterministic() {
        let a = SimulatedOrganization(options: SimulatorOptions(seed: 5, scale: 1_000), start: SimulatorFixture.start)
        let b = SimulatedOrganization(options: SimulatorOptions(seed: 5, scale: 1_000), start: SimulatorFixture.start)
        let c = SimulatedOrganization(options: SimulatorOptions(seed: 6, scale: 1_000), start: SimulatorFixture.start)
        #expect(a.clients == b.clients)
        #expect(a.eventIDs(visibleAt: SimulatorFixture.start) == b.eventIDs(visibleAt: SimulatorFixture.start))
        #expect(a.policyYAML == b.policyYAML)
        #expect(a.clients.map(\.id) != c.clients.map(\.id))
        #expect(a.policyYAML != c.policyYAML)
    }

    @Test("Counting is cheap at 10,000,000 events and agrees with the scale")
    func hugeCounts() {
        let organization = SimulatedOrganization(options: SimulatorOptions(scale: 10_000_000), start: SimulatorFixture.start)
        let count = organization.eventCount(visibleAt: SimulatorFixture.start)
        #expect(count > 10_000_000 && count < 10_002_000)
        let halfway = organization.rangeStart.addingTimeInterval(45 * 86_400)
        let half = organization.eventCount(visibleAt: halfway)
        #expect(abs(half - 5_000_000) < 2_000)
    }
}
