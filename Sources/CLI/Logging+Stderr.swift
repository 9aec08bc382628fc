import Foundation
import Logging
import PartnerAuditCore

/// One line per log record on stderr: `2026-11-30T02:00:03.120Z info extract: message`.
struct StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // A log line may quote what a source sent: its control characters are shown as codes.
        let line = "\(Timestamp.format(Date())) \(event.level) \(label): \(TerminalText.escapedLines(event.message.description))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

extension Logger {
    /// A logger that writes to stderr, without touching the process-wide logging bootstrap.
    static func stderr(_ label: String, level: Logger.Level = .info) -> Logger {
        Logger(label: label) { StderrLogHandler(label: $0, level: level) }
    }
}
