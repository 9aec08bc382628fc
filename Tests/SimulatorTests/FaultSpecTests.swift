import Testing
@testable import Simulator

@Suite("Fault spec parsing")
struct FaultSpecTests {
    @Test("The documented forms parse")
    func documentedFormsParse() throws {
        let spec = try FaultSpec.parse("429=0.05,5xx=0.05,drop=0.02,slow=0.01,late")
        #expect(spec.rateLimited == 0.05)
        #expect(spec.serverErrors == 0.05)
        #expect(spec.drops == 0.02)
        #expect(spec.slow == 0.01)
        #expect(spec.late)
        #expect(spec.budgetPerMinute == nil)
        #expect(try FaultSpec.parse("budget=300/min").budgetPerMinute == 300)
        #expect(try FaultSpec.parse("budget=120").budgetPerMinute == 120)
        #expect(try FaultSpec.parse("all") == .all)
        #expect(try FaultSpec.parse("none") == .none)
        #expect(try FaultSpec.parse("") == .none)
        #expect(try FaultSpec.parse(" late , 429=1 ").rateLimited == 1)
        #expect(try FaultSpec.parse("all,budget=60/min").budgetPerMinute == 60)
    }

    @Test("The description parses back to the same spec")
    func descriptionRoundTrips() throws {
        for text in ["429=0.05,5xx=0.05,drop=0.02,slow=0.01,late", "budget=300/min", "none", "all"] {
            let spec = try FaultSpec.parse(text)
            #expect(try FaultSpec.parse(spec.description) == spec)
        }
    }

    @Test("Junk is refused with a message naming the item", arguments: [
        ("bogus", "bogus"), ("429=abc", "429=abc"), ("5xx=1.5", "5xx=1.5"), ("drop=-0.1", "drop=-0.1"),
        ("budget=0/min", "budget=0/min"), ("budget=lots", "budget=lots"), ("late=yes", "late=yes"), ("429", "429"),
        ("late,slow=2", "slow=2"),
    ])
    func junkIsRefused(text: String, item: String) {
        #expect {
            try FaultSpec.parse(text)
        } throws: { error in
            guard let error = error as? SimulatorError else { return false }
            return error.code == .invalidFaultSpec && error.description.contains("'\(item)'")
        }
    }
}
