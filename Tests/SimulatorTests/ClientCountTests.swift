import Foundation
import Testing
@testable import Simulator

@Suite("Client count: the planted layout, grown with clean partners")
struct ClientCountTests {
    static func organization(clients: Int, seed: UInt64 = 23, scale: Int = 1_000) -> SimulatedOrganization {
        SimulatedOrganization(options: SimulatorOptions(seed: seed, scale: scale, clients: clients), start: SimulatorFixture.start)
    }

    @Test("By default, and for any count up to the planted one, the organisation is the planted layout")
    func defaultIsThePlantedLayout() {
        #expect(SimulatorOptions().clients == SimulatorOptions.plantedClientCount)
        #expect(SimulatorOptions.plantedClientCount == 25)
        let planted = SimulatedOrganization(options: SimulatorOptions(seed: 23, scale: 1_000), start: SimulatorFixture.start)
        #expect(planted.clients.count == 25)
        #expect(planted.partners.count == OrganizationLayout.partnerTable.count)
        for count in [0, 1, 24, 25] {
            let organization = Self.organization(clients: count)
            #expect(organization.clients == planted.clients, "clients: \(count)")
            #expect(organization.policyYAML == planted.policyYAML, "clients: \(count)")
            #expect(organization.eventIDs(visibleAt: SimulatorFixture.start) == planted.eventIDs(visibleAt: SimulatorFixture.start))
        }
    }

    @Test("Out-of-range counts are refused by validate()", arguments: [-1, 10_001])
    func outOfRangeIsRefused(clients: Int) {
        #expect(throws: SimulatorError.self) { try SimulatorOptions(clients: clients).validate() }
        #expect(throws: Never.self) { try SimulatorOptions(clients: 10_000).validate() }
    }

    @Test("With 1000 clients there are exactly 1000, the planted ones first and unchanged, the rest clean partner apps")
    func thousandClients() {
        let planted = Self.organization(clients: 0)
        let organization = Self.organization(clients: 1_000)
        let clients = organization.clients
        #expect(clients.count == 1_000)
        #expect(Set(clients.map(\.id)).count == 1_000)
        #expect(Array(clients.prefix(25)) == planted.clients)
        #expect(organization.plantedMisconfigurations == planted.plantedMisconfigurations)

        let firstNew = OrganizationLayout.partnerTable.count
        let generated = organization.partners.dropFirst(firstNew)
        #expect(generated.count == (1_000 - 25 + 2) / 3)
        #expect(Array(organization.partners.prefix(firstNew)) == planted.partners)
        for (offset, partner) in generated.enumerated() {
            let number = String(firstNew + offset).leftPadded(to: 4)
            #expect(partner.id == "partner\(number)" && partner.title == "Partner\(number)")
            #expect((2...4).contains(partner.approvedScopes.count))
        }
        var expectedNames: [String] = []
        for partner in generated {
            for environment in PartnerEnvironment.allCases { expectedNames.append("Partner-Integration-\(environment.title)-\(partner.title)") }
        }
        #expect(clients.dropFirst(25).map(\.name) == Array(expectedNames.prefix(975)))
        let newIDs = Set(clients.dropFirst(25).map(\.id))
        #expect(newIDs.isSubset(of: Set(organization.cleanClientIDs)))
        #expect(newIDs.isDisjoint(with: Set(organization.plantedMisconfigurations.map(\.clientId))))
        for (offset, client) in clients.dropFirst(25).enumerated() {
            let partner = generated[generated.startIndex + offset / 3]
            let environment = PartnerEnvironment.allCases[offset % 3]
            #expect(client.scopes == partner.approvedScopes)
            #expect(client.ipWhitelist == partner.networks(environment).map(\.cidr))
        }
    }

    @Test("A larger count only appends: the first generated partners and apps are the same")
    func largerCountsAppend() {
        let small = Self.organization(clients: 100)
        let large = Self.organization(clients: 1_000)
        #expect(Array(large.clients.prefix(100)) == small.clients)
        #expect(Array(large.partners.prefix(small.partners.count)) == small.partners)
        #expect(Self.organization(clients: 1_000, seed: 24).partners.last != large.partners.last)
    }

    @Test("Every partner network is public, /24 or narrower, and overlaps no other partner's", arguments: [1_000, 10_000])
    func networksNeverOverlap(clients: Int) {
        let organization = Self.organization(clients: clients)
        #expect(organization.clients.count == clients)
        let blocks = organization.partners.flatMap { partner in PartnerEnvironment.allCases.flatMap { partner.networks($0) } }
        #expect(blocks.allSatisfy(CleanClientTests.isPublic))
        #expect(blocks.allSatisfy { $0.prefix >= 24 })
        let sorted = blocks.sorted { $0.base < $1.base }
        for (block, next) in zip(sorted, sorted.dropFirst()) {
            let last = UInt64(block.base) + (UInt64(1) << UInt64(32 - block.prefix)) - 1
            #expect(last < UInt64(next.base), "\(block.cidr) overlaps \(next.cidr)")
        }
        let foreign = organization.plantedMisconfigurations.filter { $0.ruleId == "AL-4" }.compactMap(\.subject)
        #expect(!foreign.isEmpty)
        #expect(!blocks.contains { block in foreign.contains { block.contains($0) } })
    }

    @Test("The policy lists every partner, the generated ones with their scopes and networks")
    func policyListsEveryPartner() {
        let organization = Self.organization(clients: 1_000)
        let yaml = organization.policyYAML
        let lines = yaml.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  - id: ") }.count == organization.partners.count)
        let ids = Set(lines.filter { $0.hasPrefix("  - id: ") }.map { String($0.dropFirst("  - id: ".count)) })
        #expect(ids == Set(organization.partners.map(\.id)))
        for partner in organization.partners.dropFirst(OrganizationLayout.partnerTable.count) {
            let section = Self.section(of: partner.id, in: lines)
            #expect(section.contains("    approvedScopes: [\(partner.approvedScopes.joined(separator: ", "))]"))
            for environment in PartnerEnvironment.allCases {
                let cidrs = partner.networks(environment).map(\.cidr).joined(separator: ", ")
                #expect(section.contains("      \(environment.rawValue): [\(cidrs)]"), "\(partner.id) \(environment)")
            }
            #expect(!section.contains { $0.contains("clientId") }, "generated apps are attributed by name")
        }
    }

    /// The lines of one partner's entry in the policy.
    static func section(of id: String, in lines: [Substring]) -> [Substring] {
        guard let first = lines.firstIndex(of: "  - id: \(id)") else { return [] }
        let rest = lines[(first + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("  - ") || !$0.hasPrefix("    ") } ?? rest.endIndex
        return Array(rest[..<end])
    }
}
