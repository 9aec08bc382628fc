import Foundation
import Testing
@testable import Simulator

@Suite("Benchmark (temporary)")
struct ZZBenchmarkTests {
    @Test("render throughput")
    func throughput() async throws {
        let org = SimulatedOrganization(options: SimulatorOptions(seed: 1, scale: 10_000_000), start: SimulatorFixture.start)
        let window = AuditLogWindow(from: Int64(org.rangeStart.timeIntervalSince1970 * 1000), to: Int64(SimulatorFixture.start.timeIntervalSince1970 * 1000), now: Int64.max)
        let t0 = Date()
        var bytes = 0
        for page in 0..<200 {
            let snapshot = org.snapshot()
            let selection = snapshot.select(window)
            var writer = JSONWriter(capacity: 64 + 460 * 500)
            var first = true
            selection.forEach(offset: (page * 37 + 5000) * 500, limit: 500) { entry in
                writer.comma(&first)
                switch entry {
                case .generated(let index): snapshot.generated.write(index, to: &writer)
                case .planted(let event): writer.append(event.json)
                }
            }
            bytes += writer.buffer.readableBytes
        }
        let elapsed = Date().timeIntervalSince(t0)
        print("BENCH in-process: \(100_000 / elapsed) events/s, \(bytes / 100_000) bytes/event")

        try await SimulatorFixture.with(SimulatorOptions(seed: 1, scale: 10_000_000)) { fixture in
            let token = try await fixture.client.bearer()
            let t1 = Date()
            for page in 0..<100 {
                let a = try await fixture.client.get("/api/v2/auditlogs?pageSize=500&page=\(page * 13 + 1)&from=2026-06-01T00:00:00Z&to=2026-09-20T00:00:00Z", token: token)
                #expect(a.status == 200)
            }
            print("BENCH http+URLSession (no parse): \(50_000 / Date().timeIntervalSince(t1)) events/s")
        }
    }
}
