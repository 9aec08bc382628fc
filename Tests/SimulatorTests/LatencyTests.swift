import Foundation
import PartnerAuditCore
import Testing
@testable import Simulator

@Suite("Latency on the server's clock")
struct LatencyTests {
    @Test("With --latency-ms 400 every answer, the token's included, is held back 400 ms on the server's clock")
    func everyAnswerIsHeldBack() async throws {
        var options = SimulatorOptions(scale: 1_000)
        options.latencyMilliseconds = 400
        try await SimulatorFixture.with(options) { fixture in
            let before = fixture.clock.now
            let token = try await fixture.client.bearer()
            #expect(try await fixture.client.get(FaultInjectionTests.path, token: token).status == 200)
            #expect(fixture.clock.sleeps == [.milliseconds(400), .milliseconds(400)])
            #expect(abs(fixture.clock.now.timeIntervalSince(before) - 0.8) < 0.001)
        }
    }

    @Test("Without it no answer waits; a latency past a minute is refused")
    func noneByDefaultAndBounded() async throws {
        try await SimulatorFixture.with(SimulatorOptions(scale: 1_000)) { fixture in
            _ = try await fixture.client.bearer()
            #expect(fixture.clock.sleeps.isEmpty)
        }
        var options = SimulatorOptions(scale: 1_000)
        options.latencyMilliseconds = 60_001
        #expect(throws: SimulatorError.self) { try options.validate() }
    }
}
