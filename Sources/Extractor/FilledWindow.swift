import PartnerAuditCore
import Warehouse

/// A window read whole and laid out for the warehouse, waiting for its commit.
struct FilledWindow: Sendable {
    var window: TimeWindow
    var events: PreparedEvents
    /// Result pages read while it was the window being filled.
    var pages: Int
    /// Requests counted to it: every request of the source since the window committed before it
    /// (with reads side by side, a request cannot be told to one window).
    var requests: Int
    /// Events of the window the source sent that could not be read, left out.
    var rejected: [RejectedEvent] = []
}
