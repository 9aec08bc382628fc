import PartnerAuditCore
import Warehouse

/// A window read whole and laid out for the warehouse, waiting for its commit.
struct FilledWindow: Sendable {
    var window: TimeWindow
    var events: PreparedEvents
    /// Result pages and requests counted to it: those read while it was the window being filled.
    var pages: Int
    var requests: Int
}
