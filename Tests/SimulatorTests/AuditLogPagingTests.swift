import Foundation
import PartnerAuditCore
import Testing
@testable import Simulator

@Suite("Audit-log paging")
struct AuditLogPagingTests {
    /// `(timestamp, id)` of each event, the sort key of the API.
    static func keys(_ events: [[String: Any]]) -> [(String, String)] {
        events.map { ($0["timestamp"] as? String ?? "", $0["id"] as? String ?? "") }
    }

    static func isSorted(_ keys: [(String, String)]) -> Bool {
        zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }
    }

    @Test("The pages of the whole range are every visible event, sorted, once, and as many as total")
    func pagesCoverTheRange() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let organization = fixture.organization
            let window = try await fixture.fetchWindow(from: organization.rangeStart, to: SimulatorFixture.start, token: token)
            let keys = Self.keys(window.events)
            #expect(Self.isSorted(keys))
            #expect(Set(keys.map(\.1)).count == keys.count, "no duplicates")
            #expect(window.totals == [keys.count])
            #expect(keys.map(\.1) == organization.eventIDs(visibleAt: SimulatorFixture.start))
            #expect(keys.count == organization.eventCount(visibleAt: SimulatorFixture.start))
            #expect(keys.count > organization.generatedEventCount)
        }
    }

    @Test("Any page size gives the same events in the same order")
    func pageSizeDoesNotMatter() async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: 7, scale: 1_500)) { fixture in
            let token = try await fixture.client.bearer()
            let from = fixture.organization.rangeStart.addingTimeInterval(86_400 * 20)
            let to = SimulatorFixture.start.addingTimeInterval(-86_400 * 3)
            let big = try await fixture.fetchWindow(from: from, to: to, pageSize: 500, token: token)
            let small = try await fixture.fetchWindow(from: from, to: to, pageSize: 37, token: token)
            #expect(Self.keys(big.events).map(\.1) == Self.keys(small.events).map(\.1))
            #expect(big.totals == small.totals)
        }
    }

    @Test("from is inclusive and to exclusive")
    func boundsAreHalfOpen() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let all = try await fixture.fetchWindow(from: fixture.organization.rangeStart, to: SimulatorFixture.start, token: token)
            for event in all.events.enumerated().filter({ $0.offset % 97 == 0 }).map(\.element) {
                let text = try #require(event["timestamp"] as? String)
                let moment = try #require(Timestamp.parseMilliseconds(text))
                let id = try #require(event["id"] as? String)
                let next = Timestamp.format(milliseconds: moment + 1), before = Timestamp.format(milliseconds: moment - 60_000)
                let starting = try await fixture.fetchWindow(from: text, to: next, token: token)
                #expect(starting.events.contains { $0["id"] as? String == id }, "from is inclusive")
                let ending = try await fixture.fetchWindow(from: before, to: text, token: token)
                #expect(!ending.events.contains { $0["id"] as? String == id }, "to is exclusive")
                #expect(ending.events.allSatisfy { ($0["timestamp"] as? String ?? "") < text })
            }
        }
    }

    @Test("Adjacent windows add up to eventIDs(visibleAt:) with nothing lost or repeated")
    func windowsAddUp() async throws {
        try await SimulatorFixture.with(SimulatorOptions(seed: 3, scale: 3_000)) { fixture in
            let token = try await fixture.client.bearer()
            let organization = fixture.organization
            var bounds = [organization.rangeStart]
            var generator = SeededGenerator(seed: 42, salt: 0)
            for _ in 0..<9 {
                bounds.append(bounds[bounds.count - 1].addingTimeInterval(Double.random(in: 3_600...(86_400 * 14), using: &generator)))
            }
            bounds = bounds.filter { $0 < SimulatorFixture.start } + [SimulatorFixture.start]
            var ids: [String] = []
            for (from, to) in zip(bounds, bounds.dropFirst()) {
                ids += try await fixture.fetchWindow(from: from, to: to, pageSize: 200, token: token).events.compactMap { $0["id"] as? String }
            }
            #expect(ids == organization.eventIDs(visibleAt: SimulatorFixture.start))
        }
    }

    @Test("Without from and to the server answers the 90 days before now")
    func defaultWindowIsNinetyDays() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 2_000, days: 120)) { fixture in
            let token = try await fixture.client.bearer()
            let answer = try await fixture.client.get("/api/v2/auditlogs?pageSize=10", token: token).json()
            let from = SimulatorFixture.start.addingTimeInterval(-90 * 86_400)
            let expected = try await fixture.fetchWindow(from: from, to: SimulatorFixture.start, token: token)
            #expect(answer["total"] as? Int == expected.events.count)
            #expect(answer["page"] as? Int == 1)
            #expect(answer["pageSize"] as? Int == 10)
        }
    }

    @Test("actorType and actorId filter the window, and their totals add up")
    func filtersSelectActors() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let from = fixture.organization.rangeStart, to = SimulatorFixture.start
            let all = try await fixture.fetchWindow(from: from, to: to, token: token).events
            var sum = 0
            for type in ActorType.named.map(\.text) {
                let filtered = try await fixture.fetchWindow(from: from, to: to, pageSize: 250, token: token, extra: "&actorType=\(type)")
                #expect(filtered.events.allSatisfy { $0["actorType"] as? String == type })
                #expect(filtered.events.map { $0["id"] as? String } == all.filter { $0["actorType"] as? String == type }.map { $0["id"] as? String })
                #expect(filtered.totals == [filtered.events.count])
                sum += filtered.events.count
            }
            #expect(sum == all.count)
            for client in fixture.organization.clients.prefix(4) {
                let mine = try await fixture.fetchWindow(from: from, to: to, pageSize: 40, token: token, extra: "&actorId=\(client.id)")
                #expect(mine.events.map { $0["id"] as? String } == all.filter { $0["actorId"] as? String == client.id }.map { $0["id"] as? String })
                let mismatched = try await fixture.fetchWindow(from: from, to: to, token: token, extra: "&actorId=\(client.id)&actorType=user")
                #expect(mismatched.events.isEmpty)
            }
        }
    }

    @Test("Bad paging and window parameters get a JSON 400 naming the parameter")
    func badParametersAreRefused() async throws {
        try await SimulatorFixture.with { fixture in
            let token = try await fixture.client.bearer()
            let cases = [
                ("pageSize=501", "pageSize"), ("pageSize=0", "pageSize"), ("page=0", "page"), ("page=x", "page"),
                ("from=yesterday", "from"), ("to=2026-13-01T00:00:00Z", "to"), ("actorType=robot", "actorType"),
                ("from=2026-09-02T00:00:00Z&to=2026-09-01T00:00:00Z", "from"),
            ]
            for (query, name) in cases {
                let answer = try await fixture.client.get("/api/v2/auditlogs?\(query)", token: token)
                #expect(answer.status == 400, "\(query)")
                #expect((try answer.json()["message"] as? String)?.contains(name) == true, "\(query): \(answer.text)")
            }
        }
    }

    @Test("A page far into a 10,000,000-event organisation comes back whole")
    func hugeScalePage() async throws {
        let options = SimulatorOptions(seed: 11, scale: 10_000_000)
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            let from = Timestamp.format(fixture.organization.rangeStart), to = Timestamp.format(SimulatorFixture.start)
            let answer = try await fixture.client.get("/api/v2/auditlogs?pageSize=500&page=1000&from=\(from)&to=\(to)", token: token).json()
            let entities = try #require(answer["entities"] as? [[String: Any]])
            #expect(entities.count == 500)
            #expect(Self.isSorted(Self.keys(entities)))
            #expect(answer["total"] as? Int == fixture.organization.eventCount(visibleAt: SimulatorFixture.start))
            let last = try await fixture.client.get("/api/v2/auditlogs?pageSize=500&page=20010&from=\(from)&to=\(to)&actorType=user", token: token).json()
            #expect((last["entities"] as? [Any])?.isEmpty == true)
            let users = try await fixture.client.get("/api/v2/auditlogs?pageSize=500&page=100&from=\(from)&to=\(to)&actorType=user", token: token).json()
            let userEvents = try #require(users["entities"] as? [[String: Any]])
            #expect(userEvents.count == 500)
            #expect(userEvents.allSatisfy { $0["actorType"] as? String == "user" })
        }
    }
}
