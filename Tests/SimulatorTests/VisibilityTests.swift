import Foundation
import Testing
@testable import Simulator

@Suite("Late events and the clock")
struct VisibilityTests {
    @Test("With the late fault, late events are invisible before their time and served after it")
    func lateEventsArriveLate() async throws {
        let options = SimulatorOptions(scale: 2_000, faults: try FaultSpec.parse("late"))
        try await SimulatorFixture.with(options) { fixture in
            let organization = fixture.organization
            let start = SimulatorFixture.start
            let atStart = organization.eventIDs(visibleAt: start)
            let later = organization.eventIDs(visibleAt: start.addingTimeInterval(15 * 60))
            let late = Set(later).subtracting(atStart)
            #expect(late.count >= 30, "the last quarter hour's share of the 300 late events")
            #expect(Set(atStart).isSubset(of: Set(later)))
            #expect(organization.eventIDs(visibleAt: start.addingTimeInterval(3_600)) == later, "nothing is later than 15 minutes")

            let token = try await fixture.client.bearer()
            let from = start.addingTimeInterval(-3_600)
            let early = try await fixture.fetchWindow(from: from, to: start, token: token)
            let earlyIDs = Set(early.events.compactMap { $0["id"] as? String })
            #expect(earlyIDs.isDisjoint(with: late))
            #expect(early.totals == [early.events.count])

            fixture.clock.advance(by: .seconds(7 * 60))
            let midway = Set(try await fixture.fetchWindow(from: from, to: start, token: token).events.compactMap { $0["id"] as? String })
            let arrived = midway.intersection(late)
            #expect(!arrived.isEmpty && arrived.count < late.count, "some, not all, have arrived after 7 minutes")
            let visibleNow = Set(organization.eventIDs(visibleAt: fixture.clock.now))
            #expect(midway == earlyIDs.union(late.intersection(visibleNow)))

            fixture.clock.advance(by: .seconds(9 * 60))
            let settled = try await fixture.fetchWindow(from: from, to: start, token: token)
            let settledIDs = Set(settled.events.compactMap { $0["id"] as? String })
            #expect(late.isSubset(of: settledIDs))
            let stamps = settled.events.compactMap { $0["timestamp"] as? String }
            #expect(stamps == stamps.sorted(), "late events are served in timestamp order")
        }
    }

    @Test("Without the late fault every event before start is visible at start")
    func nothingIsLateByDefault() {
        let organization = SimulatedOrganization(options: SimulatorOptions(scale: 1_000), start: SimulatorFixture.start)
        let start = SimulatorFixture.start
        #expect(organization.eventIDs(visibleAt: start) == organization.eventIDs(visibleAt: start.addingTimeInterval(3_600)))
    }

    @Test("Events after the clock's now are never served")
    func futureEventsAreHidden() async throws {
        let now = SimulatorFixture.start.addingTimeInterval(-10 * 86_400)
        try await SimulatorFixture.with(SimulatorOptions(scale: 2_000), now: now) { fixture in
            let token = try await fixture.client.bearer()
            let window = try await fixture.fetchWindow(from: fixture.organization.rangeStart, to: SimulatorFixture.start, token: token)
            let limit = SimulatorFixture.text(now)
            #expect(window.events.allSatisfy { ($0["timestamp"] as? String ?? "") <= limit })
            #expect(window.events.count == fixture.organization.eventCount(visibleAt: now))
            #expect(window.events.compactMap { $0["id"] as? String } == fixture.organization.eventIDs(visibleAt: now))
        }
    }
}
