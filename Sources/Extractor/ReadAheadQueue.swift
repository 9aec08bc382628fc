/// The windows one read has filled ahead of their commit: its reader waits while they hold more
/// than `capacity` events or `byteCapacity` bytes of them, so a read running beside the one being
/// committed holds at most about that (plus the window it put last) however large a source makes
/// its events.
///
/// One reader puts, one consumer takes, in order; the read's end (or its failure) follows its
/// last window.
actor ReadAheadQueue {
    /// What the consumer takes next.
    enum Item: Sendable {
        case window(FilledWindow)
        /// The read ended; the requests its result pages took (`EventPage.fetches`).
        case finished(pageFetches: Int)
    }

    private let capacity: Int
    private let byteCapacity: Int
    private var items: [Item] = []
    private var events = 0
    private var bytes = 0
    private var failure: ReadFailure?
    private var reader: CheckedContinuation<Void, Never>?
    private var consumer: CheckedContinuation<Void, Never>?

    init(capacity: Int, byteCapacity: Int) {
        self.capacity = max(capacity, 1)
        self.byteCapacity = max(byteCapacity, 1)
    }

    private var isOverfull: Bool { events > capacity || bytes > byteCapacity }

    /// Adds a filled window; waits while the queue holds more than its capacity (returns at once when cancelled).
    func put(_ window: FilledWindow) async {
        items.append(.window(window))
        events += window.events.count
        bytes += window.events.byteCount
        wakeConsumer()
        while isOverfull, !Task.isCancelled {
            await withTaskCancellationHandler {
                await withCheckedContinuation { reader = $0 }
            } onCancel: {
                Task { await self.wakeReader() }
            }
        }
    }

    /// The read ended after its last window.
    func finish(pageFetches: Int) {
        items.append(.finished(pageFetches: pageFetches))
        wakeConsumer()
    }

    /// The read failed after the windows already put.
    func fail(_ failure: ReadFailure) {
        self.failure = failure
        wakeConsumer()
    }

    /// The next item in order; throws the read's failure once the windows before it are taken.
    func next() async throws(ReadFailure) -> Item {
        while items.isEmpty {
            if let failure { throw failure }
            await withCheckedContinuation { consumer = $0 }
        }
        let item = items.removeFirst()
        if case .window(let window) = item {
            events -= window.events.count
            bytes -= window.events.byteCount
        }
        if !isOverfull { wakeReader() }
        return item
    }

    private func wakeReader() {
        reader?.resume()
        reader = nil
    }

    private func wakeConsumer() {
        consumer?.resume()
        consumer = nil
    }
}
