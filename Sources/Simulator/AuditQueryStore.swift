import Synchronization

/// The live dialect's audit-query transactions of one running server.
///
/// The second transaction submitted in the server's lifetime ends `Failed`, exactly once, so
/// a client must be able to resubmit; with the `failqueries` fault every one does.
final class AuditQueryStore: Sendable {
    /// Which transaction (by `sequence`) fails.
    static let failingSequence = 2

    private struct Inner {
        var transactions: [String: AuditTransaction] = [:]
        var submitted = 0
    }

    let seed: UInt64
    let everyQueryFails: Bool
    private let inner = Mutex(Inner())

    init(seed: UInt64, everyQueryFails: Bool = false) {
        self.seed = seed
        self.everyQueryFails = everyQueryFails
    }

    /// Records a new transaction over `window` and the log `snapshot`, running until `readyAt`; returns it `Queued`.
    func submit(window: AuditLogWindow, snapshot: AuditLogSnapshot, readyAt: Int64) -> AuditTransaction {
        inner.withLock { inner in
            inner.submitted += 1
            let sequence = inner.submitted
            let transaction = AuditTransaction(
                id: SeededHash.uuid(seed, 95, UInt64(sequence)), sequence: sequence, window: window,
                snapshot: snapshot, fails: everyQueryFails || sequence == Self.failingSequence, readyAt: readyAt)
            inner.transactions[transaction.id] = transaction
            return transaction
        }
    }

    /// Counts one poll at `now` of a transaction and returns it after; `nil` for an unknown id.
    ///
    /// Before the transaction's `readyAt` a poll counts no further than the second, so it stays `Running`.
    func poll(_ id: String, now: Int64) -> AuditTransaction? {
        inner.withLock { inner in
            guard var transaction = inner.transactions[id] else { return nil }
            transaction.polls = now >= transaction.readyAt ? transaction.polls + 1 : min(transaction.polls + 1, 2)
            inner.transactions[id] = transaction
            return transaction
        }
    }

    /// The transaction with this id, if any.
    func transaction(_ id: String) -> AuditTransaction? {
        inner.withLock { $0.transactions[id] }
    }

    /// Notes that a results page of the transaction was redirected.
    func noteRedirect(_ id: String) {
        inner.withLock { $0.transactions[id]?.redirected = true }
    }
}
