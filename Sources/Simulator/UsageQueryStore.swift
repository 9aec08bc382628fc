import PartnerAuditCore
import Synchronization

/// The live dialect's API Usage query executions of one running server.
///
/// An execution's rows are counted at submission (the traffic visible then). Its first results
/// poll answers `Running` with no rows, every later one `Complete` with all of them: a client
/// must poll until the query completes.
final class UsageQueryStore: Sendable {
    /// How many results polls of an execution answer `Running` before it is `Complete`.
    static let runningPolls = 1

    /// One accepted query.
    struct Execution: Sendable {
        let id: String
        /// Sorted by client, day, template and method.
        let rows: [APIUsageRow]
        var polls = 0

        /// Whether the poll just counted finds the query complete.
        var isComplete: Bool { polls > UsageQueryStore.runningPolls }
    }

    private struct Inner {
        var executions: [String: Execution] = [:]
        var submitted = 0
    }

    let seed: UInt64
    private let inner = Mutex(Inner())

    init(seed: UInt64) { self.seed = seed }

    /// Records a new execution over `rows`; returns its id.
    func submit(_ rows: [APIUsageRow]) -> String {
        inner.withLock { inner in
            inner.submitted += 1
            let id = SeededHash.uuid(seed, 97, UInt64(inner.submitted))
            inner.executions[id] = Execution(id: id, rows: rows)
            return id
        }
    }

    /// Counts one results poll of an execution and returns it after; `nil` for an unknown id.
    func poll(_ id: String) -> Execution? {
        inner.withLock { inner in
            guard var execution = inner.executions[id] else { return nil }
            execution.polls += 1
            inner.executions[id] = execution
            return execution
        }
    }
}
