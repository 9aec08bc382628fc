import PartnerAuditCore
import Testing
import Warehouse
@testable import Extractor

/// The gateway source lays out each line's event without building an `AuditEvent`; the rows it
/// stores must be byte for byte the ones the event would give.
@Suite("A gateway request's event, laid out directly")
struct GatewayEventLayoutTests {
    @Test("The direct layout equals the event's, with and without the optional fields", arguments: [
        GatewayRequest(timestampMillis: 1_790_812_800_123, clientID: "client-acme-prod", sourceIP: "34.10.0.5", method: "GET",
                       path: "/api/v2/routing/queues?pageSize=25", status: 200, requestID: "2d6a", userAgent: "acme-sync/2.1"),
        GatewayRequest(timestampMillis: 0, clientID: "c\u{301}\"<x>", sourceIP: "2001:db8::1", method: "DELETE",
                       path: "/not-the-api/é", status: 403),
        GatewayRequest(timestampMillis: 253_402_300_799_999, clientID: "c", sourceIP: "10.0.0.1", method: "POST",
                       path: "/api/v2//users/42", status: 503, userAgent: "ua"),
    ])
    func sameLayout(request: GatewayRequest) throws {
        var direct = PreparedEvents()
        try direct.append(request, id: "gateway:0123", gateway: "kong")
        var viaEvent = PreparedEvents()
        try viaEvent.append(request.event(id: "gateway:0123", gateway: "kong"))
        #expect(direct == viaEvent)
    }
}

/// A gateway event's id is what makes a line stored once across runs and versions: the same
/// request must keep the same id whatever the code that computes it.
@Suite("A gateway line's event id")
struct GatewayLineIDTests {
    static let request = GatewayRequest(timestampMillis: 1_790_812_800_123, clientID: "client-acme-prod", sourceIP: "34.10.0.5",
                                        method: "GET", path: "/api/v2/routing/queues?pageSize=25", status: 200, requestID: "2d6a")

    @Test("Ids are the ones earlier versions gave: by request id, else by the file, the line's number and its bytes")
    func pinned() {
        var anonymous = Self.request
        anonymous.requestID = nil
        let line = Array(#"{"any":"bytes é"}"#.utf8)
        // One id maker for all three, as a file's lines share one: its reused buffer carries nothing over.
        var ids = GatewayLineID()
        line.withUnsafeBufferPointer { bytes in
            #expect(ids.id(Self.request, identity: "f1", line: 7, bytes: bytes) == "gateway:01a0f4c2c47bfbe01451715406bf9102")
            #expect(ids.id(anonymous, identity: "f1", line: 7, bytes: bytes) == "gateway:01a0f4c2c47b7c5b46020a8640ea89ad")
            #expect(ids.id(anonymous, identity: "f1", line: -9_223_372_036_854_775_808, bytes: bytes) == "gateway:01a0f4c2c47b5e0526adc42e2af4633b")
            #expect(ids.id(Self.request, identity: "f1", line: 7, bytes: bytes) == "gateway:01a0f4c2c47bfbe01451715406bf9102")
        }
    }
}
