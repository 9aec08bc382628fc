import GRDB

/// A value held in a storage class its column does not allow, found before anything was read.
package struct MisplacedValue: Error, CustomStringConvertible {
    /// The table, row and column, in words (`StorageClassCheck`).
    package var problem: String

    package var description: String { "a value is not of the kind its column holds (\(problem))" }
}

extension Warehouse {
    /// The first value of any table the rules and packs read (`event_log` among them) held in a
    /// storage class its column does not allow — a NULL key, a name re-stored as a blob, a flag as
    /// text — as a `MisplacedValue`; `nil` when there is none.
    ///
    /// What the tool writes never has one, and its readers decode each column as the class it
    /// declares: such a value is a change made behind the tool's back that a reader would trap on.
    /// `evaluate` and `report` run this before they read anything, so that a warehouse so
    /// changed stops them with exit 4 instead of a crash. One scan a table, no hashing.
    package func misplacedValue() async throws -> MisplacedValue? {
        try await misplacedValue(in: [EventLogTable.name] + StorageClassCheck.tables)
    }

    /// `misplacedValue()` in the findings alone: what `findings` reads.
    package func misplacedFindingValue() async throws -> MisplacedValue? {
        try await misplacedValue(in: ["finding"])
    }

    private func misplacedValue(in tables: [String]) async throws -> MisplacedValue? {
        try await database.read { db in try StorageClassCheck.problem(db, in: tables).map(MisplacedValue.init) }
    }

    /// The chain's verdict on a warehouse holding `misplaced`: `verifyChain`'s, which names it or
    /// an earlier break.
    package func verdict(holding misplaced: MisplacedValue) async throws -> ChainVerification {
        var chain = try await verifyChain()
        if chain.isIntact { chain.firstBreak = misplaced.problem }
        return chain
    }
}
