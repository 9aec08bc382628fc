import Foundation
import Testing
@testable import Simulator

@Suite("Live dialect: audit query")
struct AuditQueryTests {
    static let day: TimeInterval = 86_400

    @Test("A malformed body or interval, an empty one, and one longer than 31 days are JSON 400s")
    func badQueriesAreRefused() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            let end = SimulatorFixture.start, text = SimulatorFixture.text
            let long = try await query.submit(body: #"{"interval":"\#(text(end.addingTimeInterval(-32 * Self.day)))/\#(text(end))"}"#)
            #expect(long.status == 400)
            #expect(try long.json()["code"] as? String == "bad.request")
            #expect((try long.json()["message"] as? String)?.contains("31 days") == true)
            for body in ["not json", #"{"interval":"yesterday/today"}"#, "{}",
                         #"{"interval":"\#(text(end))/\#(text(end))"}"#,
                         #"{"interval":"\#(text(end))/\#(text(end.addingTimeInterval(-60)))"}"#] {
                #expect(try await query.submit(body: body).status == 400, "\(body)")
            }
            let exact = try await query.submit(body: #"{"interval":"\#(text(end.addingTimeInterval(-31 * Self.day)))/\#(text(end))"}"#)
            #expect(exact.status == 200, "31 days is allowed")
            #expect(fixture.server.stats.queriesSubmitted == 1)
            #expect(fixture.server.stats.badRequests == 6)
        }
    }

    @Test("A transaction is Queued, then Running, then Succeeded; the second one submitted fails")
    func statesAdvanceAndTheSecondFails() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            let from = SimulatorFixture.start.addingTimeInterval(-2 * Self.day), to = SimulatorFixture.start
            let first = try await query.submit(from: from, to: to)
            #expect(try await query.page(first).status == 400, "no results before it has finished")
            #expect(try await query.poll(first) == "Queued")
            #expect(try await query.poll(first) == "Running")
            #expect((try await query.page(first).json()["message"] as? String)?.contains("has not finished") == true)
            #expect(try await query.poll(first) == "Succeeded")
            #expect(try await query.poll(first) == "Succeeded")

            let second = try await query.submit(from: from, to: to)
            #expect(second != first)
            #expect(try await query.finish(second) == "Failed")
            #expect(try await query.poll(second) == "Failed")
            #expect(try await query.page(second).status == 400)

            let third = try await query.submit(from: from, to: to)
            #expect(try await query.finish(third) == "Succeeded")
            #expect(try await query.page(third).status == 200)
            #expect(try await fixture.client.get("/api/v2/audits/query/no-such-id", token: query.token).status == 404)
            #expect(try await fixture.client.get("/api/v2/audits/query/no-such-id/results", token: query.token).status == 404)
            let stats = fixture.server.stats
            #expect(stats.queriesSubmitted == 3)
            #expect(stats.failedTransactions == 1)
            #expect(stats.queryPolls == 4 + 4 + 3)
        }
    }

    @Test("Paging a 10-day interval by cursor gives exactly the guide dialect's ids for that window but its API requests, in order")
    func resultsMatchTheGuideWindow() async throws {
        let from = SimulatorFixture.start.addingTimeInterval(-13 * Self.day), to = SimulatorFixture.start.addingTimeInterval(-3 * Self.day)
        let guideEvents = try await SimulatorFixture.with(SimulatorOptions(scale: 3_000, days: 20)) { fixture in
            try await fixture.fetchWindow(from: from, to: to, token: try await fixture.client.bearer()).events
        }
        // The live audit log has no per-request record; a page covers 173 of the log's positions, so some hold fewer messages.
        let guideIDs = guideEvents.filter { $0["action"] as? String != "api.request" }.compactMap { $0["id"] as? String }
        try await SimulatorFixture.with(LiveQuery.options(scale: 3_000)) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            let id = try await query.submit(from: from, to: to)
            #expect(try await query.finish(id) == "Succeeded")
            let (messages, pages) = try await query.results(id, pageSize: 173)
            #expect(messages.compactMap { $0["id"] as? String } == guideIDs)
            #expect(pages == (guideEvents.count + 172) / 173)
            #expect(guideIDs.count > 300 && guideEvents.count > 1_000)
            #expect(fixture.server.stats.resultPages == pages)
            let bigger = try await query.results(id, pageSize: 500).messages.compactMap { $0["id"] as? String }
            #expect(bigger == guideIDs, "any page size gives the same results")
            #expect(try await query.page(id, cursor: "bm90LWEtY3Vyc29y").status == 400, "a cursor this server did not write")
            let other = try await query.page(id, cursor: ResultsCursor(transactionID: "someone-else", offset: 1).text)
            #expect(other.status == 400)
        }
    }

    @Test("Results are the events visible when the query was submitted, and a ClientId filter narrows them")
    func resultsAreFixedAtSubmission() async throws {
        try await SimulatorFixture.with(LiveQuery.options()) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            let organization = fixture.organization
            let from = organization.rangeStart, to = SimulatorFixture.start.addingTimeInterval(Self.day)
            let before = try await query.submit(from: from, to: to)
            fixture.clock.advance(by: .seconds(3_600))
            let target = try #require(organization.clients.first)
            organization.updateClient(id: target.id) { $0.name += " (renamed)" }
            #expect(try await query.finish(before) == "Succeeded")
            let ids = try await query.results(before).messages.compactMap { $0["id"] as? String }
            #expect(ids == organization.eventIDs(visibleAt: SimulatorFixture.start), "the edit after submission is not served")

            let after = try await query.run(from: from, to: to).compactMap { $0["id"] as? String }
            #expect(after == organization.eventIDs(visibleAt: fixture.clock.now))
            #expect(after.count == ids.count + 1)

            let filter = #"[{"property":"ClientId","value":"\#(target.id)"}]"#
            let filtered = try await query.submit(from: from, to: to, filters: filter)
            #expect(try await query.finish(filtered) == "Succeeded")
            let mine = try await query.results(filtered).messages
            #expect(!mine.isEmpty && mine.count < ids.count)
            #expect(mine.allSatisfy { ($0["client"] as? [String: Any])?["id"] as? String == target.id })
            let both = #"[{"property":"ClientId","value":"a"},{"property":"UserId","value":"b"}]"#
            #expect(try await query.submit(body: #"{"interval":"\#(SimulatorFixture.text(from))/\#(SimulatorFixture.text(to))","filters":\#(both)}"#).status == 400)
        }
    }
}
