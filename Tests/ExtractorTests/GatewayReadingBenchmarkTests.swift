import PartnerAuditCore
import Testing
@testable import Extractor

/// `gateway-reading-bench` times the reading loop the source runs: every line read, a valid one
/// made an event, a bad one counted and dropped, each pass over the same lines from scratch.
@Suite("The reading loop's benchmark runs the source's own loop")
struct GatewayReadingBenchmarkTests {
    @Test("Each pass reads every line and makes an event of each valid one, a bad and a blank line included")
    func readsLikeTheSource() {
        let valid = (0..<5).map { GatewayLogFolder.kongLine($0, client: "client-acme-prod", ip: "34.10.0.5") }
        let text = valid[0...2].joined(separator: "\n") + "\nnot json\n\n" + valid[3...4].joined(separator: "\n") + "\n"
        let passes = GatewayReadingBenchmark.run(Array(text.utf8), format: GatewayLogFormat(.kong), passes: 3)
        #expect(passes.count == 3)
        for pass in passes {
            #expect(pass.lines == 6)  // the blank line is no record
            #expect(pass.events == 5)
            #expect(pass.cpuSeconds >= 0)
        }
    }
}
