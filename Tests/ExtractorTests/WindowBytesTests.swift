@testable import Extractor
import PartnerAuditCore
import Source
import Testing
import Warehouse

@Suite("A window's events are bounded in bytes as well as in number: a source padding its events cannot grow memory")
struct WindowBytesTests {
    private static let start: Int64 = 1_790_812_800_000
    private static let day = TimeWindow(fromMillis: start, toMillis: start + TimeSpan.day.milliseconds)

    /// An event whose stored text is padded to about `bytes` bytes, as a lying source pads them.
    private func padded(_ id: String, atMillis millis: Int64, bytes: Int) throws -> AuditEvent {
        try AuditEvent(guideJSON: .object([
            "id": .string(id), "timestamp": .string(Timestamp.format(milliseconds: millis)), "actorType": .string("user"),
            "actorId": .string("u1"), "action": .string("api.request"), "resource": .string("users"), "outcome": .string("success"),
            "details": .object(["padding": .string(String(repeating: "x", count: bytes))]),
        ]))
    }

    @Test("A window filled past the closing bytes is cut at the next instant, far below the events bound")
    func cutByBytes() throws {
        var cutter = try #require(WindowCutter(windows: [Self.day], cutAt: 12_000))
        let events = try (0..<48).map { try padded("m-\($0)", atMillis: Self.start + Int64($0) * 1_000, bytes: 1 << 20) }
        let done = try cutter.admit(EventPage(events: events, next: nil, windowTotal: nil), request: "page 1") + cutter.finish()
        #expect(done.count >= 2, "48 events of 1 MiB stayed in one window")
        #expect(done.allSatisfy { $0.events.byteCount < PreparedEvents.closingBytes + (2 << 20) }, "\(done.map(\.events.byteCount))")
        #expect(done.map(\.events.count).reduce(0, +) == 48, "every event is in some window")
        #expect(zip(done, done.dropFirst()).allSatisfy { $0.window.toMillis == $1.window.fromMillis }, "the windows still cover the day")
    }

    @Test("A window whose events pass the capacity at one instant fails instead of growing")
    func capacityFails() throws {
        var events = PreparedEvents()
        let big = try padded("m-big", atMillis: Self.start, bytes: 8 << 20)
        #expect(throws: WindowTooLarge.self) {
            for _ in 0..<12 { try events.append(big) }
        }
        #expect(events.byteCount < PreparedEvents.capacity + (9 << 20))
    }
}

@Suite("A read's queue of windows ahead of their commit is bounded in bytes, not only in events")
struct ReadAheadBytesTests {
    @Test("A read waits once its queued windows pass the byte budget, whatever their event count, and goes on when one is taken")
    func putWaitsOnBytes() async throws {
        let start: Int64 = 1_790_812_800_000
        let day = TimeWindow(fromMillis: start, toMillis: start + TimeSpan.day.milliseconds)
        let event = try AuditEvent(guideJSON: .object([
            "id": .string("m-1"), "timestamp": .string(Timestamp.format(milliseconds: start)), "actorType": .string("user"),
            "actorId": .string("u1"), "action": .string("api.request"), "resource": .string("users"), "outcome": .string("success"),
            "details": .object(["padding": .string(String(repeating: "x", count: 2 << 20))]),
        ]))
        let window = FilledWindow(window: day, events: try PreparedEvents([event]), pages: 1, requests: 0, rejected: [])
        let queue = ReadAheadQueue(capacity: 24_000, byteCapacity: 1 << 20)
        let put = Task { await queue.put(window); return ContinuousClock.now }
        try await Task.sleep(for: .milliseconds(300))
        let taken = ContinuousClock.now
        _ = try await queue.next()
        #expect(await put.value >= taken, "one event of 2 MiB did not hold the read at a budget of 1 MiB")
    }
}
