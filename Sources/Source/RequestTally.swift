import Synchronization

/// The requests one API client has sent and what they drew, kept where every client made from it
/// (`APIClient.withOwnCounts()`) counts its requests too.
final class RequestTally: Sendable {
    private let counters = Mutex(RequestCounters())

    init() {}

    /// What has been counted so far.
    var counts: RequestCounters { counters.withLock { $0 } }

    /// Applies one request's outcome to the counts.
    func record(_ change: (inout RequestCounters) -> Void) {
        counters.withLock { change(&$0) }
    }
}
