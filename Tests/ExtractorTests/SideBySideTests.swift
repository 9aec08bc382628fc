import Extractor
import Foundation
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport
import Warehouse

@Suite("The sources of a run side by side, over clients of their own under one budget")
struct SideBySideTests {
    @Test("A client made with withOwnCounts() shares its parent's token and pacer, and counts its requests on their own and in the parent's")
    func ownCountsShareTheBudget() async throws {
        let fixture = try await SimulatorFixture(scale: 1_000, days: 2)
        defer { Task { await fixture.tearDown() } }
        let api = try fixture.apiClient(requestsPerMinute: 60)
        let usage = api.withOwnCounts()
        try await api.authenticate()
        _ = try await usage.call(.GET, "/api/v2/oauth/clients", label: "clients through the source's client")
        _ = try await api.call(.GET, "/api/v2/oauth/clients", label: "clients through the parent")

        // At 60 a minute each request waits 1.01 s after the one before, whichever client sent it.
        #expect(fixture.clock.sleeps.count == 2)
        #expect(fixture.clock.sleeps.allSatisfy { abs($0.timeInterval - 1.01) < 0.000_001 }, "\(fixture.clock.sleeps)")
        #expect(api.counts.requests == 3, "the parent counts every request")
        #expect(usage.counts.requests == 1, "the source's client only its own")
        #expect(fixture.simulator.stats.tokenRequests == 1, "one token for both")
    }

    @Test("A live run asks the API Usage service before the audit log's first window is committed; each source's line counts its own requests, and all of them are the run's")
    func usageBesideTheAuditLog() async throws {
        let fixture = try await SimulatorFixture(scale: 6_000, days: 10, dialect: .live)
        defer { Task { await fixture.tearDown() } }
        fixture.clock.advance(by: .seconds(3600))
        let warehouse = try fixture.warehouse()
        let simulator = fixture.simulator
        let usageAtFirstWindow = Mutex<Int?>(nil)
        let summary = try await fixture.extractor(warehouse: warehouse, pageSize: 40) { progress in
            guard progress.index == 1 else { return }
            usageAtFirstWindow.withLock { $0 = simulator.stats.usageQueriesSubmitted }
        }.run()

        let stats = simulator.stats
        #expect((usageAtFirstWindow.withLock { $0 } ?? 0) >= 1, "a usage query was submitted while the audit log was being read")
        let lines = try await warehouse.sourceRuns(runID: summary.runID)
        #expect(lines.map(\.source) == [.auditLog, .apiUsage], "the record lists the sources in their order")
        #expect(lines.allSatisfy { $0.status == "succeeded" })
        let auditLog = try #require(lines.first { $0.source == .auditLog })
        let usage = try #require(lines.first { $0.source == .apiUsage })
        #expect(auditLog.requests == stats.auditQueryRequests + stats.downloadRequests, "the audit log's line counts its queries, polls and pages, none of the usage service's")
        #expect(usage.requests == stats.usageQueryRequests, "the usage line counts its submissions and polls, none of the audit log's")
        #expect(summary.requests == stats.totalRequests, "every request went through the run's one client")
        #expect(summary.fixedRequests + auditLog.requests + usage.requests == summary.requests)
        #expect(try await warehouse.runs().first?.requests == summary.requests)

        #expect(Set(try await warehouse.eventIDs()) == fixture.expectedIDs(visibleAt: fixture.clock.now))
        #expect(summary.sources.first { $0.source == .apiUsage }?.itemsStored ?? 0 > 100)
        #expect(try await warehouse.verifyChain().isIntact)
    }
}
