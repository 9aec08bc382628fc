import Foundation
import PartnerAuditCore
import Rules
import Testing
import Warehouse

@Suite("AT-1 reports events the source sent that could not be read")
struct LeftOutEventRuleTests {
    @Test("A window that left events out is a high AT-1 naming them, until a later complete read of the same time leaves nothing out")
    func leftOutEvents() async throws {
        let fixture = try RuleFixture()
        fixture.client("c1")
        try await fixture.store(coverage: [(120, 1)])
        let lastDay = TimeWindow(fromMillis: RuleFixture.asOf - RuleFixture.day, toMillis: RuleFixture.asOf)
        let run = try await fixture.warehouse.startRun(dialect: .guide, range: lastDay, at: Date())
        _ = try await fixture.warehouse.commitWindow(
            runID: run, window: lastDay, pages: 1, requests: 1, events: [],
            rejected: [RejectedEvent(id: nil, reason: "field 'id' is missing or empty"), RejectedEvent(id: "evt-9", reason: "field 'details' is not an object")],
            advancesWatermark: true, at: Date())

        let found = try await fixture.evaluate(rule: "AT-1")
        #expect(found.count == 1, "\(found.map(\.detail))")
        #expect(found.first?.severity == .high)
        #expect(found.first?.subject.hasSuffix("left out") == true)
        #expect(found.first?.detail.contains("2 events the source sent") == true)
        #expect(found.first?.detail.contains("evt-9: field 'details' is not an object") == true)

        let again = try await fixture.warehouse.startRun(dialect: .guide, range: lastDay, at: Date().addingTimeInterval(60))
        _ = try await fixture.warehouse.commitWindow(runID: again, window: lastDay, pages: 1, requests: 1, events: [],
                                                     advancesWatermark: true, at: Date().addingTimeInterval(60))
        #expect(try await fixture.evaluate(rule: "AT-1").isEmpty)
    }
}
