import Foundation
import PartnerAuditCore
import Simulator
import Testing
import Warehouse

@Suite("extract reads its sources side by side under one budget")
struct SideBySideCommandTests {
    @Test("In the live dialect the API Usage service is asked while the audit log's query still runs; every request goes through the run's one budget, none draws a 429, and each source's line counts its own")
    func usageWhileTheAuditQueryRuns() async throws {
        // Every audit query runs 2 s on the real clock; a strict sliding window of 600 a minute, the configured budget.
        let (folder, simulator) = try await servedOrganization(
            days: 3, faults: "budget=600/min", dialect: .live, requestsPerMinute: 600, querySeconds: 2)
        defer { Task { await simulator.shutdown() } }
        // Three days: one audit query; the usage service's final days, then its days not yet final.
        let since = Timestamp.format(Date().addingTimeInterval(-3 * 86_400))
        let command = try await authenticatedRunner(folder).start(["extract", "--since", since])
        // When the first usage query arrives, how many audit results pages has the simulator served?
        var auditPagesBeforeUsage: Int?
        let deadline = Date().addingTimeInterval(60)
        while auditPagesBeforeUsage == nil, Date() < deadline, command.process.isRunning {
            let stats = simulator.stats
            if stats.usageQueriesSubmitted > 0 {
                auditPagesBeforeUsage = stats.resultPages + stats.redirectsServed
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let result = await command.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(auditPagesBeforeUsage == 0, "the usage service was asked before the audit query was done")

        let stats = simulator.stats
        #expect(stats.usageQueriesSubmitted >= 2, "its final days, then its days not yet final")
        #expect(stats.budgetExceeded == 0, "no request drew a 429")
        #expect(result.stdout.contains("(0 answered 429)"), "\(result.stdout)")
        let warehouse = try Warehouse(path: folder.path("warehouse.sqlite"))
        let run = try #require(try await warehouse.runs().first)
        #expect(run.requests == stats.totalRequests, "every request the simulator saw is the run's, counted once")
        let lines = try await warehouse.sourceRuns(runID: run.id)
        #expect(lines.map(\.source) == [.auditLog, .apiUsage])
        #expect(lines.first { $0.source == .auditLog }?.requests == stats.auditQueryRequests + stats.downloadRequests)
        #expect(lines.first { $0.source == .apiUsage }?.requests == stats.usageQueryRequests)
    }
}
