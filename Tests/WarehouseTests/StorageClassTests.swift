import Foundation
import GRDB
import Testing
@testable import Warehouse

@Suite("Verify checks each column's storage class, which the chain and the ledger do not hash")
struct StorageClassTests {
    @Test("The same bytes re-stored as a BLOB are named by verify", arguments: [
        ("an event's timestamp", "event_log", "UPDATE event_log SET timestamp = CAST(timestamp AS BLOB) WHERE seq = 3", "event_log row 3", "timestamp"),
        ("a finding's status", "finding", "UPDATE finding SET status = CAST(status AS BLOB)", "finding row 'f1'", "status"),
        ("a finding's key", "finding", "UPDATE finding SET fingerprint = CAST(fingerprint AS BLOB)", "finding row X'6631'", "fingerprint"),
        ("a window's count as text", "extraction_window", "UPDATE extraction_window SET pages = 'many'", "extraction_window row 1", "pages"),
        ("a ledger entry's digest", "row_ledger", "UPDATE row_ledger SET digest = CAST(digest AS BLOB) WHERE seq = 2", "row_ledger row 2", "digest"),
        ("the last ledger entry's hash", "row_ledger", "UPDATE row_ledger SET hash = CAST(hash AS BLOB) WHERE seq = (SELECT max(seq) FROM row_ledger)", "row_ledger row", "hash"),
    ])
    func restoredAsBlob(what: String, table: String, sql: String, row: String, column: String) async throws {
        let fixture = try await WarehouseFixture.nightly()
        try WarehouseFixture.tamper(path: fixture.path, table: table, sql)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(!verdict.isIntact, "\(what) passed verify")
        let named = verdict.firstBreak ?? ""
        #expect(named.contains(row) && named.contains("column \(column)"), "\(what): \(named)")
        #expect(verdict.head.count == 64, "a pack records the event chain's head even so")
    }

    @Test("What the tool writes has the storage classes its columns declare")
    func intact() async throws {
        let fixture = try await WarehouseFixture.nightly()
        #expect(try await fixture.warehouse.database.read(StorageClassCheck.problem) == nil)
    }
}
