import Synchronization

/// How long the last audit queries ran, so the next one is first polled about when it should be done.
///
/// A query's run time is taken as halfway between its last poll that found it still `Queued` or
/// `Running` and the poll that found it done (the whole wait when the first poll found it done):
/// the estimate neither lags the platform by the polling's own steps nor creeps up by them.
final class QueryRunTimes: Sendable {
    /// How many of the latest run times the estimate averages.
    static let kept = 4
    private let recent = Mutex<[Duration]>([])

    init() {}

    /// The mean of the latest run times; zero before any query has finished.
    var expected: Duration {
        recent.withLock { $0.isEmpty ? .zero : $0.reduce(.zero, +) / $0.count }
    }

    /// Records one finished query's run time.
    func record(_ duration: Duration) {
        recent.withLock {
            $0.append(duration)
            if $0.count > Self.kept { $0.removeFirst() }
        }
    }
}
