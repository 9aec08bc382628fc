import PartnerAuditCore

/// What organisation the simulator builds, which dialect it speaks, and how it misbehaves.
///
/// Everything generated is a function of `seed`, so two runs with the same options serve
/// the same organisation.
package struct SimulatorOptions: Sendable, Equatable {
    /// The largest `scale` accepted.
    package static let maximumScale = 10_000_000
    /// The longest `days` accepted.
    package static let maximumDays = 3650
    /// The clients of the planted layout (24 partner apps and the unattributable one): the default and the fewest served.
    package static let plantedClientCount = OrganizationLayout.plantedClientCount
    /// The largest `clients` accepted.
    package static let maximumClients = 10_000

    package var seed: UInt64
    /// How many events are generated (besides the planted ones).
    package var scale: Int
    /// The events lie in the `days` before the start moment.
    package var days: Int
    /// How many OAuth clients are served: the planted ones, then clean apps of generated partners.
    ///
    /// Fewer than `plantedClientCount` serves the planted layout unchanged, byte for byte.
    /// More adds partners `partner0008`, `partner0009`, … with their own public networks and
    /// one clean app per environment (prod, staging, dev) until there are `clients` clients.
    package var clients: Int
    package var faults: FaultSpec
    /// The only client id the token endpoint accepts.
    package var clientID: String
    /// The only client secret the token endpoint accepts.
    package var clientSecret: String
    /// The shape of the API served: `guide` (source-api.md sections 1–3) or `live` (section 4).
    ///
    /// Both serve the same seeded organisation; only the wire format differs.
    package var dialect: SourceDialect
    /// Whether every client is served with the organisation's allowlist (`organizationAllowlist`).
    ///
    /// The live dialect always behaves so (its allowlist is organisation-wide); in the guide
    /// dialect this serves each client's `ipWhitelist` as that one list, so guide and live
    /// extractions of one organisation can be compared. Off, each client keeps its own list.
    package var organizationWideAllowlist: Bool
    /// Live dialect: how long an audit query runs before it can succeed, in seconds of the
    /// server's clock (the platform's take seconds to minutes). A transaction stays `Running`
    /// until then, however often it is polled.
    package var querySeconds: Double = 0
    /// How long every answer (token, API, downloads) is held back, in milliseconds of the
    /// server's clock: a real platform's requests take hundreds.
    package var latencyMilliseconds = 0

    package init(
        seed: UInt64 = 1, scale: Int = 10_000, days: Int = 90, clients: Int = SimulatorOptions.plantedClientCount,
        faults: FaultSpec = .none, clientID: String = "demo-extractor", clientSecret: String = "demo-secret",
        dialect: SourceDialect = .guide, organizationWideAllowlist: Bool = false
    ) {
        self.seed = seed
        self.scale = scale
        self.days = days
        self.clients = clients
        self.faults = faults
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.dialect = dialect
        self.organizationWideAllowlist = organizationWideAllowlist
    }

    /// Refuses a scale, span or client count the simulator cannot serve; the organisation clamps rather than fails.
    package func validate() throws(SimulatorError) {
        guard (0...Self.maximumScale).contains(scale) else {
            throw SimulatorError(.invalidOption, "scale must be between 0 and \(Self.maximumScale), got \(scale)")
        }
        guard (1...Self.maximumDays).contains(days) else {
            throw SimulatorError(.invalidOption, "days must be between 1 and \(Self.maximumDays), got \(days)")
        }
        guard (0...Self.maximumClients).contains(clients) else {
            throw SimulatorError(.invalidOption, "clients must be between 0 and \(Self.maximumClients), got \(clients)")
        }
        guard querySeconds >= 0, querySeconds <= 3600 else {
            throw SimulatorError(.invalidOption, "query seconds must be between 0 and 3600, got \(querySeconds)")
        }
        guard (0...60_000).contains(latencyMilliseconds) else {
            throw SimulatorError(.invalidOption, "latency must be between 0 and 60000 ms, got \(latencyMilliseconds)")
        }
        guard !clientID.isEmpty, !clientSecret.isEmpty else {
            throw SimulatorError(.invalidOption, "the client id and secret must not be empty")
        }
    }

    /// Whether clients are served with the organisation-wide allowlist: always in the live dialect.
    var servesOrganizationAllowlist: Bool { dialect == .live || organizationWideAllowlist }

    /// `scale` within what can be served.
    var clampedScale: Int { min(max(scale, 0), Self.maximumScale) }
    /// `days` within what can be served.
    var clampedDays: Int { min(max(days, 1), Self.maximumDays) }
    /// `clients` within what can be served: never fewer than the planted ones.
    var clampedClients: Int { min(max(clients, Self.plantedClientCount), Self.maximumClients) }
}
