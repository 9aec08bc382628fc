import PartnerAuditCore

/// The seeded shape of the organisation: partners, clients, how each client behaves, what was planted.
///
/// Built once from the seed and the start moment; everything the event generator, the
/// planted events and the policy need is read from here.
struct OrganizationLayout: Sendable {
    static let day = TimeSpan.day.milliseconds

    /// Which partner app gets which problem: (partner index, environment, quirk).
    static let appTable: [(partner: Int, environment: PartnerEnvironment, quirk: ClientQuirk)] = [
        (0, .prod, .mapped), (0, .staging, .ws1RoutingWildcard), (0, .dev, .lp3AllUsers),
        (1, .prod, .er1TwoEnvironments), (1, .staging, .ws2MisspeltScope), (1, .dev, .hostile),
        (2, .prod, .ws1BareWildcard), (2, .staging, .lp5Dormant), (2, .dev, .al1NoAllowlist),
        (3, .prod, .er3WrongEnvironment), (3, .staging, .lp1UnapprovedScope), (3, .dev, .al2BroadEntries),
        (4, .prod, .an2Throttled), (4, .staging, .lp2UnusedScope), (4, .dev, .al3MalformedEntries),
        (5, .prod, .al4OutsideAddress), (5, .staging, .er2TwoPartners), (5, .dev, .lp4NotMachineToMachine),
        (6, .prod, .clean), (6, .staging, .lp6StaleSecret), (6, .dev, .an1DeniedBurst),
        (7, .prod, .cm1Widened), (7, .staging, .clean), (7, .dev, .clean),
    ]
    /// The clients of the planted layout: one per row of `appTable`, and the unattributable app.
    static let plantedClientCount = appTable.count + 1

    let seed: UInt64
    /// The start moment in milliseconds; events lie before it.
    let start: Int64
    /// The planted partners (`partnerTable`), then the generated clean ones.
    let partners: [Partner]
    /// The clients as they are at `start`: the planted ones, then the generated partners' apps.
    let clients: [SimulatedClient]
    /// Parallel to `clients`.
    let profiles: [TrafficProfile]
    /// Parallel to `clients`.
    let quirks: [ClientQuirk]
    /// Parallel to `clients`: the partner and environment, `nil` for the unattributable app.
    let homes: [(partner: Int, environment: PartnerEnvironment)?]
    /// User ids; the first is the OAuth administrator.
    let users: [String]
    /// Where the organisation's own users log in from.
    let officeNetwork: NetworkBlock
    /// The foreign address the AL-4 client gets a token and succeeds from.
    let outsideAddress: String
    /// The foreign address of the AN-1 denied burst.
    let burstAddress: String
    /// Past `oauthclient.update` events.
    let changes: [PlannedChange]
    let misconfigurations: [PlantedMisconfiguration]

    /// Builds the layout of `clientCount` clients (at least `plantedClientCount`).
    ///
    /// The planted clients come first and do not depend on `clientCount`; the clean apps of
    /// generated partners follow, so a larger count only appends.
    init(seed: UInt64, start: Int64, clients clientCount: Int = plantedClientCount) {
        self.seed = seed
        self.start = start
        var allocator = NetworkAllocator(seed: seed, salt: 1, octets: Self.partnerOctets)
        let partners = Self.makePartners(allocator: &allocator)
        self.officeNetwork = allocator.block(prefix: 28)
        let legacyNetwork = allocator.block(prefix: 27)
        var foreign = NetworkAllocator(seed: seed, salt: 5, octets: Self.foreignOctets)
        outsideAddress = foreign.block(prefix: 24).host(SeededHash.hash(seed, 6, 1))
        burstAddress = foreign.block(prefix: 24).host(SeededHash.hash(seed, 6, 2))
        users = (0..<5).map { SeededHash.uuid(seed, 4, UInt64($0)) }

        var builder = LayoutBuilder(seed: seed, start: start, partners: partners, admin: users[0])
        for row in Self.appTable {
            builder.addPartnerApp(partner: row.partner, environment: row.environment, quirk: row.quirk)
        }
        builder.addUnattributableApp(network: legacyNetwork)
        builder.plantAddressMisconfigurations(outside: outsideAddress, burst: burstAddress)
        let generatedPartners = Self.makeGeneratedPartners(
            seed: seed, firstIndex: partners.count, apps: clientCount - builder.clients.count)
        builder.addCleanApps(of: generatedPartners, firstIndex: partners.count, upTo: clientCount)
        self.partners = partners + generatedPartners

        clients = builder.clients
        profiles = builder.profiles
        quirks = builder.quirks
        homes = builder.homes
        changes = builder.changes.sorted { $0.at < $1.at }
        misconfigurations = builder.misconfigurations
    }

    /// The index of the first client with the quirk.
    func clientIndex(_ quirk: ClientQuirk) -> Int? {
        quirks.firstIndex(of: quirk)
    }
}
