@testable import Extractor
import PartnerAuditCore
import Source
import Testing

@Suite("A read spanning several windows files the messages that cannot be read under a window")
struct WindowCutterRejectionTests {
    private static let start: Int64 = 1_790_812_800_000
    private static let days = TimeWindow(fromMillis: start, toMillis: start + 2 * TimeSpan.day.milliseconds).split(every: .day)

    private func event(_ id: String, atMillis millis: Int64) throws -> AuditEvent {
        try AuditEvent(guideJSON: .object([
            "id": .string(id), "timestamp": .string(Timestamp.format(milliseconds: millis)), "actorType": .string("user"),
            "actorId": .string("u1"), "action": .string("api.request"), "resource": .string("users"), "outcome": .string("success"),
        ]))
    }

    @Test("Messages that cannot be read go with the window filled when their page ends; past the bound the read fails")
    func rejectedMessagesAreFiled() throws {
        var cutter = try #require(WindowCutter(windows: Self.days, cutAt: 100, maxRejected: 2))
        let unreadable = RejectedEvent(id: "m-2", reason: "field 'eventDate' is missing (and so is eventTime)")
        let first = EventPage(events: [try event("m-1", atMillis: Self.start + 1)], next: nil, windowTotal: nil, rejected: [unreadable])
        #expect(try cutter.admit(first, request: "first page").isEmpty)
        let second = EventPage(events: [try event("m-3", atMillis: Self.start + TimeSpan.day.milliseconds + 1)], next: nil, windowTotal: nil)
        let done = try cutter.admit(second, request: "page 2")
        #expect(done.map(\.rejected) == [[unreadable]])
        #expect(cutter.finish().map(\.rejected) == [[]])

        var strict = try #require(WindowCutter(windows: Self.days, cutAt: 100, maxRejected: 1))
        let twoBad = EventPage(events: [], next: nil, windowTotal: nil, rejected: [unreadable, RejectedEvent(id: nil, reason: "field 'id' is missing or empty")])
        #expect(throws: SourceError.self) { try strict.admit(twoBad, request: "first page") }
    }
}
