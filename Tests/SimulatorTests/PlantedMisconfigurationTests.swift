import Foundation
import Testing
@testable import Simulator

@Suite("Planted misconfigurations")
struct PlantedMisconfigurationTests {
    static let rules = ["WS-1", "WS-2", "LP-1", "LP-2", "LP-3", "LP-4", "LP-5", "LP-6",
                        "AL-1", "AL-2", "AL-3", "AL-4", "ER-1", "ER-2", "ER-3", "ER-4", "CM-1", "AN-1", "AN-2"]
    static let day: Int64 = 86_400_000

    static func organization(scale: Int = 1_000) -> SimulatedOrganization {
        SimulatedOrganization(options: SimulatorOptions(seed: 17, scale: scale), start: SimulatorFixture.start)
    }

    static func client(_ organization: SimulatedOrganization, _ rule: String) throws -> SimulatedClient {
        let planted = try #require(organization.plantedMisconfigurations.first { $0.ruleId == rule && $0.primary })
        return try #require(organization.clients.first { $0.id == planted.clientId })
    }

    @Test("Every rule has a primary plant, each on a client of its own, none on a clean client")
    func everyRuleIsPlanted() {
        let organization = Self.organization()
        let primary = organization.plantedMisconfigurations.filter(\.primary)
        #expect(Set(primary.map(\.ruleId)) == Set(Self.rules))
        var owner: [String: String] = [:]
        for plant in primary {
            if let rule = owner[plant.clientId] { #expect(rule == plant.ruleId, "\(plant.clientId) carries \(rule) and \(plant.ruleId)") }
            owner[plant.clientId] = plant.ruleId
        }
        #expect(Set(primary.filter { $0.ruleId == "WS-1" }.map(\.severity)) == ["high", "critical"])
        #expect(Set(organization.cleanClientIDs).isDisjoint(with: Set(organization.plantedMisconfigurations.map(\.clientId))))
    }

    @Test("Client fields carry the grant problems")
    func grantProblemsAreInTheFields() throws {
        let organization = Self.organization()
        let known = try CatalogFiles.knownScopes()
        #expect(try Self.client(organization, "WS-2").scopes.contains { !known.contains($0) && $0 == "routing:queue:raed" })
        #expect(try Self.client(organization, "LP-1").scopes.contains("users:write"))
        #expect(try Self.client(organization, "LP-3").allowAccessToAllUsers)
        let lp4 = try Self.client(organization, "LP-4")
        #expect(lp4.type == "private" || lp4.grantType != "client_credentials")
        let lp6 = try #require(try Self.client(organization, "LP-6").secretLastRotated)
        #expect(SimulatorFixture.start.timeIntervalSince(lp6) == 200 * 86_400)
        #expect(try Self.client(organization, "AL-1").ipWhitelist == nil)
        let al2 = try Self.client(organization, "AL-2").ipWhitelist ?? []
        #expect(al2.contains("0.0.0.0/0") && al2.contains { $0.hasSuffix("/16") })
        let al3 = try Self.client(organization, "AL-3").ipWhitelist ?? []
        #expect(al3.contains("10.0.0.300/24") && al3.contains("10.20.0.0/16"))
        let er4 = try Self.client(organization, "ER-4")
        #expect(!er4.name.hasPrefix("Partner-Integration-"))
        #expect(!organization.policyYAML.contains(er4.id))
        for plant in organization.plantedMisconfigurations where plant.ruleId.hasPrefix("WS") {
            let client = try #require(organization.clients.first { $0.id == plant.clientId })
            #expect(client.scopes.contains(plant.subject ?? ""))
        }
    }

    @Test("The audit log carries the behaviour problems at every scale and client count",
          arguments: [1_000, 20_000], [SimulatorOptions.plantedClientCount, 1_000])
    func behaviourIsInTheLog(scale: Int, clients: Int) async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: 17, scale: scale, clients: clients)) { fixture in
            let organization = fixture.organization
            let log = try await EventLog.fetch(fixture)
            let start = Int64(SimulatorFixture.start.timeIntervalSince1970 * 1000)
            let rows = try CatalogFiles.endpointScopes()

            let dormant = try Self.client(organization, "LP-5")
            let dormantEvents = log.about(dormant.id)
            #expect(!dormantEvents.isEmpty)
            #expect(dormantEvents.allSatisfy { EventLog.moment($0) < start - 61 * Self.day }, "no activity in the last 60 days")

            let lp2 = try #require(organization.plantedMisconfigurations.first { $0.ruleId == "LP-2" && $0.primary })
            let exercised = log.exercisedScopes(of: lp2.clientId, rows: rows)
            #expect(!exercised.contains(lp2.subject ?? ""))
            #expect(exercised.count == (try Self.client(organization, "LP-2").scopes.count - 1))

            let al4 = try #require(organization.plantedMisconfigurations.first { $0.ruleId == "AL-4" && $0.primary })
            let outside = try #require(al4.subject)
            #expect(log.by(al4.clientId, action: "oauth.token.issued").contains { EventLog.detail($0, "sourceIp") as? String == outside })
            #expect(log.by(al4.clientId, action: "api.request").contains {
                EventLog.detail($0, "sourceIp") as? String == outside && (EventLog.detail($0, "status") as? Int ?? 500) < 400
            })
            let al4Allowlist = (try Self.client(organization, "AL-4").ipWhitelist ?? []).compactMap(CatalogFiles.block)
            #expect(!al4Allowlist.contains { $0.contains(outside) })

            let an1 = try Self.client(organization, "AN-1")
            let denials = log.by(an1.id, action: "oauth.token.denied")
                .filter { EventLog.detail($0, "reason") as? String == "ip_not_allowed" }.map(EventLog.moment).sorted()
            #expect(denials.count >= 40)
            #expect(zip(denials, denials.dropFirst(39)).contains { $1 - $0 < 3_600_000 }, "40 denials within one hour")

            let an2 = try Self.client(organization, "AN-2")
            #expect(log.by(an2.id, action: "api.request").filter { EventLog.detail($0, "status") as? Int == 429 }.count >= 30)

            try checkEnvironments(organization, log)
            try checkChanges(organization, log)
        }
    }

    /// ER-1, ER-2, ER-3: where each planted client's traffic comes from.
    private func checkEnvironments(_ organization: SimulatedOrganization, _ log: EventLog) throws {
        func homes(_ address: String) -> Set<String> {
            var found: Set<String> = []
            for partner in organization.partners {
                for environment in PartnerEnvironment.allCases where partner.networks(environment).contains(where: { $0.contains(address) }) {
                    found.insert("\(partner.id)/\(environment.rawValue)")
                }
            }
            return found
        }
        let er1 = try Self.client(organization, "ER-1")
        let er1Homes = Set(log.sources(of: er1.id).flatMap(homes))
        #expect(Set(er1Homes.map { $0.split(separator: "/")[1] }) == ["prod", "staging"])
        #expect(Set(er1Homes.map { $0.split(separator: "/")[0] }).count == 1)
        let er2 = try Self.client(organization, "ER-2")
        #expect(Set(log.sources(of: er2.id).flatMap(homes).map { $0.split(separator: "/")[0] }).count == 2)
        let er3 = try Self.client(organization, "ER-3")
        #expect(er3.name.contains("-Prod-"))
        #expect(Set(log.sources(of: er3.id).flatMap(homes).map { $0.split(separator: "/")[1] }) == ["staging"])
    }

    /// CM-1: a scope added outside the Saturday 02:00–06:00 window, an allowlist entry added inside it.
    private func checkChanges(_ organization: SimulatedOrganization, _ log: EventLog) throws {
        let plants = organization.plantedMisconfigurations.filter { $0.ruleId == "CM-1" }
        #expect(plants.count == 2)
        let updates = log.events.filter { $0["action"] as? String == "oauthclient.update" && $0["resourceId"] as? String == plants.first?.clientId }
        #expect(updates.allSatisfy { $0["actorType"] as? String == "user" })
        for plant in plants {
            let subject = try #require(plant.subject)
            let update = try #require(updates.first { event in
                let changes = EventLog.detail(event, "changes") as? [String: Any] ?? [:]
                return changes.values.contains { (($0 as? [String: Any])?["new"] as? [String])?.contains(subject) == true
                    && (($0 as? [String: Any])?["old"] as? [String])?.contains(subject) == false }
            })
            let moment = EventLog.moment(update)
            let insideWindow = WeeklyMoment.weekday(of: moment) == 6 && (2..<6).contains(moment % Self.day / 3_600_000)
            #expect(insideWindow == (plant.severity == "medium"), "\(subject)")
        }
    }

    @Test("The policy lists every partner with scopes and networks, maps some clients by id, and waives nothing")
    func policyMatchesTheOrganisation() throws {
        let organization = Self.organization()
        let yaml = organization.policyYAML
        for partner in organization.partners {
            #expect(yaml.contains("- id: \(partner.id)\n"))
            #expect(yaml.contains("approvedScopes: [\(partner.approvedScopes.joined(separator: ", "))]"))
            for block in PartnerEnvironment.allCases.flatMap({ partner.networks($0) }) { #expect(yaml.contains(block.cidr)) }
        }
        #expect(yaml.contains("- clientId: "))
        #expect(yaml.contains("weekday: saturday"))
        #expect(!yaml.contains("waivers"))
        for key in ["lookbackDays: 90", "dormantDays: 60", "secretMaxAgeDays: 90", "maxIPv4Prefix: 24", "deniedPerHour: 20"] {
            #expect(yaml.contains(key))
        }
    }
}
