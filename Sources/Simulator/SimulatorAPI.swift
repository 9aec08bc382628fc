import Hummingbird
import Logging
import PartnerAuditCore

/// What the simulated API answers, endpoint by endpoint, in the dialect of the organisation's
/// options: the guide dialect of source-api.md (sections 1–3) or the live one (section 4).
///
/// The token endpoint, the client list and the audit log each live in their own extension,
/// the live dialect's other endpoints in `+Live…` ones. `router()` (in `+Routes`) routes
/// requests to them through Hummingbird's `Router`, behind the middleware that checks the
/// bearer token and injects the faults.
struct SimulatorAPI: Sendable {
    let organization: SimulatedOrganization
    let state: ServerState
    let clock: any WallClock
    let logger: Logger

    /// Whether the live dialect is served.
    var isLive: Bool { organization.options.dialect == .live }
}
