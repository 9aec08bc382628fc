import PartnerAuditCore

/// One submitted live-dialect audit query: what it asked, what it sees, how far it has got.
///
/// The events it serves are fixed at submission: the audit log as it was then, seen at the
/// submission moment `window.now` (the guide dialect's visibility rule, so late events
/// behave alike in both dialects).
struct AuditTransaction: Sendable {
    /// What a poll reports, as the live API spells it.
    enum State: String, Sendable {
        case queued = "Queued", running = "Running", succeeded = "Succeeded", failed = "Failed"
    }

    /// The transaction id, UUID-shaped and seeded.
    let id: String
    /// 1 for the first transaction the server accepted, 2 for the second, …
    let sequence: Int
    /// `[from, to)` of the interval, `now` the submission moment, and the actor filter.
    let window: AuditLogWindow
    /// The audit log at submission.
    let snapshot: AuditLogSnapshot
    /// Whether it ends `Failed` instead of `Succeeded`.
    let fails: Bool
    /// The moment (milliseconds) before which it is still running, however often it is polled.
    let readyAt: Int64
    /// How many times its state was asked for.
    var polls = 0
    /// Whether one of its results pages was answered with a redirect.
    var redirected = false

    /// The state after `polls` polls: `Queued` until the first has been answered, then
    /// `Running` at the second, and `Succeeded` (or `Failed`) from the third on; a poll before
    /// `readyAt` is not counted past the second (`AuditQueryStore.poll`).
    var state: State {
        switch polls {
        case ...1: .queued
        case 2: .running
        default: fails ? .failed : .succeeded
        }
    }

    /// `START/END` in canonical timestamps.
    var interval: String {
        Timestamp.format(milliseconds: window.from) + "/" + Timestamp.format(milliseconds: window.to)
    }

    /// The submission moment in canonical text.
    var startDate: String { Timestamp.format(milliseconds: window.now) }
}
