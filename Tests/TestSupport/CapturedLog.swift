import Logging
import Synchronization

/// Every line a logger writes, message and metadata, kept for a test to search.
package final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    package init() {}

    /// A logger at `debug` level whose lines land here.
    package var logger: Logger {
        Logger(label: "captured") { _ in CapturingHandler(log: self) }
    }

    /// Every line so far, metadata appended.
    package var text: String { lines.withLock { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append("\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.joined(separator: " "))")
    }
}
