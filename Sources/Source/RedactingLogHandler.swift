import Logging

/// A log handler that passes every line on with the client's secrets redacted (`SecretRedactor`):
/// message and metadata, whatever text a source put in them.
struct RedactingLogHandler: LogHandler {
    var upstream: any LogHandler
    let redactor: SecretRedactor

    var logLevel: Logger.Level {
        get { upstream.logLevel }
        set { upstream.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { upstream.metadata }
        set { upstream.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { upstream[metadataKey: key] }
        set { upstream[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(redactor.redact("\(event.message)"))"
        event.metadata = event.metadata?.mapValues { .string(redactor.redact("\($0)")) }
        if let error = event.error {
            // The error object itself may hold what the source sent; only its redacted text goes on.
            event.metadata = (event.metadata ?? [:]).merging(["error": .string(redactor.redact("\(error)"))]) { $1 }
            event.error = nil
        }
        upstream.log(event: event)
    }
}

extension Logger {
    /// This logger with the client's secrets redacted from every line.
    func redacting(with redactor: SecretRedactor) -> Logger {
        let upstream = handler
        return Logger(label: label) { _ in RedactingLogHandler(upstream: upstream, redactor: redactor) }
    }
}
