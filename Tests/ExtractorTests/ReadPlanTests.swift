@testable import Extractor
import PartnerAuditCore
import Testing

@Suite("How a range's windows are grouped into audit queries")
struct ReadPlanTests {
    private static let day = TimeSpan.day.milliseconds

    private static func days(_ count: Int, from start: Int64 = 1_790_812_800_000) -> [TimeWindow] {
        TimeWindow(fromMillis: start, toMillis: start + Int64(count) * day).split(every: .day)
    }

    @Test("A nightly run's day and overlap stay one query, however many may run side by side")
    func nightlyIsOneRead() {
        let start: Int64 = 1_790_812_800_000
        let windows = TimeWindow(fromMillis: start, toMillis: start + Self.day + TimeSpan.minutes(15).milliseconds).split(every: .day)
        #expect(AuditLogSource.reads(of: windows, longest: .days(31), atLeast: 4).count == 1)
    }

    @Test("91 days are three reads of at most 31 days one at a time, and four of 23 days with four side by side")
    func longRangeIsCutForConcurrency() {
        let windows = Self.days(91)
        let fewest = AuditLogSource.reads(of: windows, longest: .days(31), atLeast: 1)
        #expect(fewest.map(\.count) == [31, 31, 29])
        let side = AuditLogSource.reads(of: windows, longest: .days(31), atLeast: 4)
        #expect(side.map(\.count) == [23, 23, 23, 22])
        #expect(side.flatMap { $0 } == windows, "every window once, in order")
    }

    @Test("A window longer than 31 days is a read of its own, left to the source to cut into queries")
    func longWindowStaysWhole() {
        let window = TimeWindow(fromMillis: 0, toMillis: 75 * Self.day)
        #expect(AuditLogSource.reads(of: [window], longest: .days(31), atLeast: 4) == [[window]])
    }
}
