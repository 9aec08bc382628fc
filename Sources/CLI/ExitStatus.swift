/// The documented exit codes of `partner-audit` (cli.md): the CLI's business, so the layers
/// below report what went wrong in their own terms and `ExitStatus(for:)` says what it means here.
enum ExitStatus: Int32, Sendable {
    /// Done; nothing at or above `--fail-on`.
    case success = 0
    /// Done; findings at or above `--fail-on`.
    case findingsAtThreshold = 1
    /// Usage or configuration error.
    case usage = 2
    /// The source failed (credentials refused, retries exhausted); what was stored stays stored.
    case sourceFailed = 3
    /// The hash chain or a pack manifest does not verify.
    case integrity = 4
    /// Another run holds the warehouse lock.
    case locked = 5
}

/// An error that knows which exit code it means.
protocol ExitCodeProviding: Error {
    var exitStatus: ExitStatus { get }
}
