import Foundation
import Testing
@testable import Simulator

@Suite("Client count: the audit log of a large organisation")
struct ClientCountTrafficTests {
    @Test("The generated apps of a 1000-client organisation are clean by the same checks as the planted clean apps")
    func generatedAppsAreClean() async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: 31, scale: 20_000, clients: 1_000)) { fixture in
            let organization = fixture.organization
            let log = try await EventLog.fetch(fixture)
            let rows = try CatalogFiles.endpointScopes()
            let known = try CatalogFiles.knownScopes()
            let byActor = Dictionary(grouping: log.events) { $0["actorId"] as? String ?? "" }
            #expect(organization.cleanClientIDs.count > 975)
            for id in organization.cleanClientIDs {
                let client = try #require(organization.clients.first { $0.id == id })
                try CleanClientChecks.expectClean(client, log: EventLog(events: byActor[id] ?? []), rows: rows, known: known)
            }
        }
    }

    @Test("Generated events spread over every active client, each with its share, the users' share kept")
    func eventsSpreadOverEveryClient() {
        let planted = SimulatedOrganization(options: SimulatorOptions(seed: 31, scale: 1_000), start: SimulatorFixture.start)
        let organization = SimulatedOrganization(
            options: SimulatorOptions(seed: 31, scale: 1_000_000, clients: 1_000), start: SimulatorFixture.start)
        let cycle = organization.generated.cycle
        #expect(planted.generated.cycle.length == ActorCycle.unit)
        #expect(cycle.length % ActorCycle.unit == 0 && cycle.length > ActorCycle.unit)
        var positions: [String: Int] = [:]
        for index in 0..<cycle.length { positions[cycle.actor(at: index).id, default: 0] += 1 }
        let dormant = organization.plantedMisconfigurations.first { $0.ruleId == "LP-5" && $0.primary }?.clientId
        for client in organization.clients where client.id != dormant {
            #expect(positions[client.id] == 36, "\(client.name)")
        }
        let userShare = Double(organization.generated.users.reduce(0) { $0 + (positions[$1] ?? 0) }) / Double(cycle.length)
        #expect(abs(userShare - 0.09) < 0.01)
    }

    @Test("Generated event i is a pure function of the options and i, deep into a 10,000,000-event log")
    func eventsArePureFunctionsOfTheIndex() {
        let options = SimulatorOptions(seed: 31, scale: 10_000_000, clients: 1_000)
        let a = SimulatedOrganization(options: options, start: SimulatorFixture.start)
        let b = SimulatedOrganization(options: options, start: SimulatorFixture.start)
        for index in [0, 1, 999, 40_999, 41_000, 5_000_000, 9_999_999] {
            var first = JSONWriter(), second = JSONWriter()
            a.generated.write(index, to: &first)
            b.generated.write(index, to: &second)
            #expect(first.bytes == second.bytes)
            #expect(a.generated.timeline.timestamp(index) == b.generated.timeline.timestamp(index))
        }
    }

    @Test("A 10,000,000-event organisation of 1000 clients serves page 1000, whole and filtered by a generated app")
    func hugeOrganisationServesDeepPages() async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: 31, scale: 10_000_000, clients: 1_000)) { fixture in
            let token = try await fixture.client.bearer()
            let window = "from=\(SimulatorFixture.text(fixture.organization.rangeStart))&to=\(SimulatorFixture.text(SimulatorFixture.start))"
            let page = try await fixture.client.get("/api/v2/auditlogs?pageSize=100&page=1000&\(window)", token: token)
            #expect(page.status == 200)
            let json = try page.json()
            #expect((json["entities"] as? [[String: Any]])?.count == 100)
            #expect((json["total"] as? Int ?? 0) > 10_000_000)

            let app = try #require(fixture.organization.clients.last)
            let filtered = try await fixture.client.get(
                "/api/v2/auditlogs?pageSize=100&page=50&actorId=\(app.id)&\(window)", token: token)
            #expect(filtered.status == 200)
            let entities = try filtered.json()["entities"] as? [[String: Any]] ?? []
            #expect(entities.count == 100)
            #expect(entities.allSatisfy { $0["actorId"] as? String == app.id })
        }
    }
}
