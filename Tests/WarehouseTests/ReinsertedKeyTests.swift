import Foundation
import GRDB
import Testing
@testable import Warehouse

@Suite("A governed row deleted behind the tool's back stays gone when its key is inserted again")
struct ReinsertedKeyTests {
    @Test("The last evaluation_run deleted, then an evaluation that reuses its id: verify names the key inserted again")
    func evaluationRunIDReused() async throws {
        let fixture = try await WarehouseFixture.nightly()
        try WarehouseFixture.tamper(path: fixture.path, table: "evaluation_run", "DELETE FROM evaluation_run WHERE id = (SELECT max(id) FROM evaluation_run)")
        #expect(try await fixture.warehouse.verifyChain().firstBreak?.contains("evaluation_run row [1] is gone") == true)
        // What `evaluate` does over a broken chain: it stores its evaluation (and the AT-2) anyway; SQLite hands out id 1 again.
        try await fixture.evaluate(overIntactChain: false)
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(!verdict.isIntact)
        #expect(verdict.firstBreak?.contains("evaluation_run row [1] was inserted again") == true, "\(verdict.firstBreak ?? "")")
    }

    @Test("Updates of a row are not a second insert: a finding seen by two evaluations verifies")
    func updatesAreNotReinserts() async throws {
        let fixture = try await WarehouseFixture.nightly()
        try await fixture.evaluate()
        let verdict = try await fixture.warehouse.verifyChain()
        #expect(verdict.isIntact, "\(verdict.firstBreak ?? "")")
    }
}
