import Foundation
import GRDB
import PartnerAuditCore
import Testing
@testable import Warehouse

@Suite("Prepared events: stored and chained exactly as the events themselves")
struct PreparedEventsTests {
    /// Events with every optional column present, absent or empty, and text that is not ASCII.
    private static let events: [AuditEvent] = [
        event("full", details: [
            "sourceIp": .string("34.1.2.3"), "method": .string("GET"), "path": .string("/api/v2/users/ü"), "status": .int(429),
            "scope": .string("users:read"), "userAgent": .string("Genesys \u{201C}Zürich\u{201D} 日本語\t\\"),
        ], resourceID: "r-1"),
        event("bare", details: [:], resourceID: nil),
        event("empty-texts", details: ["sourceIp": .string(""), "status": .string("200"), "userAgent": .string("")], resourceID: ""),
        event("", details: ["status": .double(404)], resourceID: nil, actorID: ""),
    ]

    private static func event(_ id: String, details: [String: JSONValue], resourceID: String?, actorID: String = "client-1") -> AuditEvent {
        AuditEvent(
            id: id, timestampMillis: WarehouseFixture.day0 + Int64(id.utf8.count) * 7, actorType: "oauthclient", actorID: actorID,
            action: "api.request", resource: "users", resourceID: resourceID, outcome: "success", details: .object(details),
            rawJSON: #"{"id":"\#(id)","note":"raw text, kept as sent: é"}"#)
    }

    @Test("Every column is stored as StoredEventFields(event:) reads it, and the chain verifies")
    func storesTheSameColumns() async throws {
        let fixture = try WarehouseFixture()
        let commit = try await fixture.commit(Self.events)
        #expect(commit.stored == Self.events.count)
        let queue = try DatabaseQueue(path: fixture.path)
        let stored = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(StoredEventFields.columns) FROM event_log ORDER BY seq").map(StoredEventFields.init(row:))
        }
        #expect(stored == Self.events.map { StoredEventFields(event: $0, windowID: commit.windowID) })
        let verification = try await fixture.warehouse.verifyChain()
        #expect(verification.isIntact)
        #expect(verification.head == commit.chainHead.hex)
    }

    @Test("Each row's hash is the reference hash of its fields and the previous row's hash")
    func hashesAsTheReference() async throws {
        let fixture = try WarehouseFixture()
        try await fixture.commit(Array(Self.events.prefix(2)))
        let second = try await fixture.commit(Self.events)  // two duplicates, two new rows
        #expect(second.stored == 2 && second.chainSeq == 4)
        let queue = try DatabaseQueue(path: fixture.path)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT \(StoredEventFields.columns), seq, hash FROM event_log ORDER BY seq") }
        var previous = HashChain.ledgeredGenesis  // a chain begun under the row ledger
        for row in rows {
            let expected = HashChain.hash(previous: previous, fields: HashChain.fields(seq: row[16], event: StoredEventFields(row: row)))
            #expect((row[17] as Data) == expected)
            previous = expected
        }
        #expect(previous == second.chainHead)
    }

    @Test("The chain's tail encodes seq as decimal text, at every number of digits (and a tampered negative one)")
    func seqDigits() throws {
        let fields = StoredEventFields(event: Self.events[0], windowID: 123)
        let prepared = try PreparedEvents([Self.events[0]])
        for seq: Int64 in [-2, 0, 8, 9, 99, 100, 999_999, 1_000_000, Int64.max - 1] {
            var tail = HashChain.Tail(seq: seq, head: HashChain.genesis, windowID: 123)
            let digest = prepared.bytes.withUnsafeBytes { tail.hash(next: UnsafeRawBufferPointer(rebasing: $0[prepared.encoded(0)])) }
            let previous = seq == 0 ? HashChain.ledgeredGenesis : HashChain.genesis  // the first row chains from the ledger's genesis
            #expect(Data(digest) == HashChain.hash(previous: previous, fields: HashChain.fields(seq: seq + 1, event: fields)))
        }
    }
}

extension StoredEventFields {
    /// The columns `init(row:)` reads, in order.
    static let columns = "id, timestamp, actor_type, actor_id, action, resource, resource_id, outcome, source_ip, method, path, status, scope, user_agent, raw_json, window_id"

    /// Reads a row whose first sixteen columns are `columns`, by position: the slow, plain reading
    /// the tests check the writer's and the chain walk's byte-level paths against.
    init(row: Row) {
        self.init(
            id: row[0], timestamp: row[1], actorType: row[2], actorID: row[3], action: row[4], resource: row[5],
            resourceID: row[6], outcome: row[7], sourceIP: row[8], method: row[9], path: row[10], status: row[11],
            scope: row[12], userAgent: row[13], rawJSON: row[14], windowID: row[15])
    }
}
