import Foundation
import Testing
@testable import Simulator

@Suite("Injected faults")
struct FaultInjectionTests {
    static let path = "/api/v2/oauth/clients?pageSize=5"

    @Test("Over the budget the answer is a 429 with the true Retry-After")
    func budgetIsEnforced() async throws {
        let options = SimulatorOptions(scale: 1_000, faults: try FaultSpec.parse("budget=5/min"))
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            for _ in 0..<5 { #expect(try await fixture.client.get(Self.path, token: token).status == 200) }
            let refused = try await fixture.client.get(Self.path, token: token)
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "60")
            #expect(refused.headers["inin-ratelimit-allowed"] == "5")
            #expect(refused.headers["inin-ratelimit-count"] != nil)
            #expect(refused.headers["inin-ratelimit-reset"] == "60")
            fixture.clock.advance(by: .seconds(30.5))
            #expect(try await fixture.client.get(Self.path, token: token).headers["retry-after"] == "30")
            fixture.clock.advance(by: .seconds(30))
            #expect(try await fixture.client.get(Self.path, token: token).status == 200)
            #expect(fixture.server.stats.budgetExceeded == 2)
            #expect(try await fixture.client.token(id: "demo-extractor", secret: "demo-secret").status == 200, "the token endpoint is outside the budget")
        }
    }

    @Test("The 429 fault answers Retry-After: 1 with the rate-limit headers, never on the token endpoint")
    func randomRateLimits() async throws {
        let options = SimulatorOptions(scale: 1_000, faults: try FaultSpec.parse("429=1"))
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            let answer = try await fixture.client.get(Self.path, token: token)
            #expect(answer.status == 429)
            #expect(answer.headers["retry-after"] == "1")
            #expect(answer.headers["inin-ratelimit-count"] != nil)
            #expect(answer.headers["inin-ratelimit-allowed"] != nil)
            #expect(answer.headers["inin-ratelimit-reset"] != nil)
            #expect(fixture.server.stats.rateLimited == 1)
        }
    }

    @Test("The 5xx fault answers 500, 502, 503 or 504")
    func serverErrors() async throws {
        let options = SimulatorOptions(scale: 1_000, faults: try FaultSpec.parse("5xx=1"))
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            var statuses: Set<Int> = []
            for _ in 0..<24 { statuses.insert(try await fixture.client.get(Self.path, token: token).status) }
            #expect(statuses.isSubset(of: [500, 502, 503, 504]) && statuses.count > 1)
            #expect(fixture.server.stats.serverErrors == 24)
        }
    }

    @Test("A rate of 0.3 faults roughly that share of requests, the same way for the same seed")
    func ratesAreProbabilities() async throws {
        let spec = try FaultSpec.parse("5xx=0.3")
        let first = (1...1_000).map { FaultDecision.draw(spec, seed: 5, request: UInt64($0)).serverError != nil }
        let again = (1...1_000).map { FaultDecision.draw(spec, seed: 5, request: UInt64($0)).serverError != nil }
        #expect(first == again)
        #expect((240...360).contains(first.filter { $0 }.count))
    }

    @Test("The drop fault breaks the connection mid-body")
    func dropsBreakTheConnection() async throws {
        let options = SimulatorOptions(scale: 1_000, faults: try FaultSpec.parse("drop=1"))
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            await #expect(throws: (any Error).self) {
                _ = try await fixture.client.get("/api/v2/auditlogs?pageSize=200", token: token)
            }
            #expect(fixture.server.stats.drops == 1)
        }
    }

    @Test("The slow fault delays the answer on the injected clock")
    func slowAnswersSleepOnTheClock() async throws {
        let options = SimulatorOptions(scale: 1_000, faults: try FaultSpec.parse("slow=1"))
        try await SimulatorFixture.with(options) { fixture in
            let token = try await fixture.client.bearer()
            #expect(try await fixture.client.get(Self.path, token: token).status == 200)
            #expect(fixture.clock.sleeps == [.seconds(2)])
            #expect(fixture.server.stats.slowed == 1)
        }
    }
}
