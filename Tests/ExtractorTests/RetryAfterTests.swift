import Foundation
import Hummingbird
import PartnerAuditCore
import Source
import Synchronization
import Testing
import TestSupport

@Suite("Retry-After is parsed strictly: delta-seconds or an HTTP-date, clamped, nonsense ignored")
struct RetryAfterTests {
    /// A server whose `/api/v2/thing` answers 429 with `Retry-After: value` once, then 200.
    private func fixture(retryAfter value: String) async throws -> HostileFixture {
        let answered = Atomic(0)
        let server = try await HostileServer.start { router in
            router.post("/oauth/token", use: HostileServer.issuing("retry-token"))
            router.get("/api/v2/thing") { _, _ in
                if answered.add(1, ordering: .relaxed).oldValue == 0 {
                    return HostileServer.json(.tooManyRequests, #"{"message":"slow down"}"#, headers: [("Retry-After", value)])
                }
                return HostileServer.json(.ok, #"{"ok":true}"#)
            }
        }
        return HostileFixture(server: server)
    }

    @Test("A Retry-After that is not delta-seconds or a date is treated as absent: no crash, one default backoff, then the answer",
          arguments: ["inf", "-inf", "Infinity", "1e19", "1e400", "NaN", "nan", "-5", "-0", "1.5", "0x10", "+3", "abc", "", "5 s", "٣"])
    func nonsenseIsAbsent(value: String) async throws {
        let fixture = try await fixture(retryAfter: value)
        defer { Task { await fixture.tearDown() } }
        let response = try await fixture.api().call(.GET, "/api/v2/thing", label: "a thing")
        #expect(response.status == 200)
        let waits = fixture.clock.backoffs
        #expect(waits.count == 1 && waits.allSatisfy { $0 >= .seconds(1) && $0 < .seconds(10) }, "\(waits)")
    }

    @Test("Delta-seconds are waited for")
    func deltaSeconds() async throws {
        let fixture = try await fixture(retryAfter: " 7 ")
        defer { Task { await fixture.tearDown() } }
        _ = try await fixture.api().call(.GET, "/api/v2/thing", label: "a thing")
        #expect(fixture.clock.backoffs.first.map { $0 >= .seconds(7) && $0 < .seconds(8) } == true, "\(fixture.clock.backoffs)")
    }

    @Test("An HTTP-date is waited for until that moment on the injected clock, in each of the three forms HTTP allows")
    func httpDate() async throws {
        let moment = SimulatorFixture.start.addingTimeInterval(42)  // 2026-10-01T00:00:42Z, a Thursday
        for text in ["Thu, 01 Oct 2026 00:00:42 GMT", "Thursday, 01-Oct-26 00:00:42 GMT", "Thu Oct  1 00:00:42 2026"] {
            let fixture = try await fixture(retryAfter: text)
            _ = try await fixture.api().call(.GET, "/api/v2/thing", label: "a thing")
            let wait = fixture.clock.backoffs.first ?? .zero
            #expect(wait >= .seconds(42) && wait < .seconds(43), "\(text): waited \(wait), expected until \(moment)")
            await fixture.tearDown()
        }
    }

    @Test("An HTTP-date in the past asks for no wait beyond the backoff")
    func pastDate() async throws {
        let fixture = try await fixture(retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT")
        defer { Task { await fixture.tearDown() } }
        _ = try await fixture.api().call(.GET, "/api/v2/thing", label: "a thing")
        #expect(fixture.clock.backoffs.first.map { $0 < .seconds(1) } == true, "\(fixture.clock.backoffs)")
    }

    @Test("A wait too large for any integer is clamped, then refused as longer than the policy waits: a typed error naming the request",
          arguments: ["99999999999999999999999999", "86401", "18446744073709551616"])
    func hugeWaitIsRefused(value: String) async throws {
        let fixture = try await fixture(retryAfter: value)
        defer { Task { await fixture.tearDown() } }
        let error = await #expect(throws: SourceError.self) {
            _ = try await fixture.api().call(.GET, "/api/v2/thing", label: "a thing")
        }
        #expect(error?.code == .retriesExhausted)
        #expect(error?.description.contains("a thing") == true)
        #expect(error?.description.contains("Retry-After") == true)
        #expect(fixture.clock.backoffs.isEmpty)
    }
}

extension ManualClock {
    /// The sleeps longer than the pacer's spacing (60 µs at a million requests a minute): the backoffs.
    var backoffs: [Duration] { sleeps.filter { $0 > .milliseconds(1) } }
}
