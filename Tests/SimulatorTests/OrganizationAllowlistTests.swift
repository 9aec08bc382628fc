import Foundation
import Testing
@testable import Simulator

@Suite("Organisation-wide allowlist")
struct OrganizationAllowlistTests {
    @Test("The organisation's list is every partner network once, then one public /12")
    func listIsPartnerNetworksAndABroadEntry() throws {
        let organization = SimulatedOrganization(options: SimulatorOptions(scale: 1_000, clients: 40), start: SimulatorFixture.start)
        let list = organization.organizationAllowlist
        let declared = organization.partners.flatMap { partner in PartnerEnvironment.allCases.flatMap { partner.networks($0).map(\.cidr) } }
        #expect(Set(list) == Set(declared).union([organization.organizationAllowlistBroadEntry]))
        #expect(list.count == Set(list).count, "no duplicates")
        #expect(list.last == organization.organizationAllowlistBroadEntry)
        let broad = try #require(CatalogFiles.block(organization.organizationAllowlistBroadEntry))
        #expect(broad.prefix == 12)
        #expect(organization.organizationAllowlistBroadEntry.hasPrefix("47."))
        let again = SimulatedOrganization(options: SimulatorOptions(scale: 1_000, clients: 40), start: SimulatorFixture.start)
        #expect(again.organizationAllowlist == list, "the list is a function of the seed")
    }

    @Test("Authentication settings serve the organisation's list")
    func authenticationSettingsServeTheList() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let token = try await fixture.client.bearer()
            let answer = try await fixture.client.get("/api/v2/organizations/authentication/settings", token: token)
            #expect(answer.status == 200)
            let json = try answer.json()
            #expect(json["ipAddressAllowlist"] as? [String] == fixture.organization.organizationAllowlist)
            #expect(json["passwordRequirements"] is [String: Any])
            let legacy = try await fixture.client.get("/api/v2/organizations/ipaddressauthentication", token: token)
            #expect(try legacy.json()["networkWhitelist"] as? [String] == fixture.organization.organizationAllowlist)
            #expect(try await fixture.client.get("/api/v2/organizations/authentication/settings", token: "wrong").status == 401)
        }
    }

    @Test("With legacyallowlist the settings are a 404 and ipaddressauthentication serves the same list")
    func legacyAllowlistFault() async throws {
        try await SimulatorFixture.with(LiveQuery.options(faults: try FaultSpec.parse("legacyallowlist"))) { fixture in
            let token = try await fixture.client.bearer()
            let settings = try await fixture.client.get("/api/v2/organizations/authentication/settings", token: token)
            #expect(settings.status == 404)
            #expect((try settings.json()["code"] as? String) == "not.found")
            let legacy = try await fixture.client.get("/api/v2/organizations/ipaddressauthentication", token: token)
            #expect(legacy.status == 200)
            #expect(try legacy.json()["networkWhitelist"] as? [String] == fixture.organization.organizationAllowlist)
            #expect(fixture.server.stats.allowlistRequests == 2)
        }
    }

    @Test("legacyallowlist parses, prints and is not part of all")
    func legacyAllowlistParses() throws {
        let spec = try FaultSpec.parse("late,legacyallowlist")
        #expect(spec.legacyAllowlist)
        #expect(try FaultSpec.parse(spec.description) == spec)
        #expect(!FaultSpec.all.legacyAllowlist)
    }

    @Test("With organizationWideAllowlist in the guide dialect every client's ipWhitelist is the organisation's list")
    func guideServesTheListPerClient() async throws {
        let options = SimulatorOptions(scale: 2_000, organizationWideAllowlist: true)
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            let json = try await fixture.client.get("/api/v2/oauth/clients?pageSize=500", token: token).json()
            let clients = json["entities"] as? [[String: Any]] ?? []
            #expect(clients.count == fixture.organization.clients.count)
            #expect(clients.allSatisfy { $0["ipWhitelist"] as? [String] == fixture.organization.organizationAllowlist })
            #expect(clients.allSatisfy { $0["scopes"] != nil && $0["roleDivisions"] == nil }, "still the guide dialect")
        }
    }

    @Test("The default guide organisation keeps per-client allowlists and serves no live endpoint")
    func defaultGuideIsUnchanged() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let json = try await fixture.client.get("/api/v2/oauth/clients?pageSize=500", token: token).json()
            let served = (json["entities"] as? [[String: Any]] ?? []).map { $0["ipWhitelist"] as? [String] }
            #expect(served == fixture.organization.clients.map(\.ipWhitelist))
            #expect(served.allSatisfy { $0 != fixture.organization.organizationAllowlist })
            for path in ["/api/v2/authorization/roles", "/api/v2/organizations/authentication/settings",
                         "/api/v2/organizations/ipaddressauthentication", "/api/v2/audits/query/x"] {
                #expect(try await fixture.client.get(path, token: token).status == 404, "\(path)")
            }
            #expect(fixture.server.downloadBaseURL == nil)
            #expect(fixture.organization.plantedMisconfigurations.contains { $0.ruleId == "AL-1" })
        }
    }
}
