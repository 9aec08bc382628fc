import Foundation

/// Assembles the clients of the layout one at a time, applying each client's quirk.
struct LayoutBuilder {
    /// A client being assembled: its fields and its behaviour, before they are frozen.
    struct Draft {
        var client: SimulatedClient
        var sources: [NetworkBlock]
        var usedScopes: [String]
        var userAgents: [String]
        var weight = 36
        var throttledPerMille = 0
    }

    static let day = OrganizationLayout.day
    let seed: UInt64
    let start: Int64
    let partners: [Partner]
    /// The OAuth administrator who edits clients and rotates secrets.
    let admin: String

    var clients: [SimulatedClient] = []
    var profiles: [TrafficProfile] = []
    var quirks: [ClientQuirk] = []
    var homes: [(partner: Int, environment: PartnerEnvironment)?] = []
    var changes: [PlannedChange] = []
    var misconfigurations: [PlantedMisconfiguration] = []

    init(seed: UInt64, start: Int64, partners: [Partner], admin: String) {
        self.seed = seed
        self.start = start
        self.partners = partners
        self.admin = admin
    }

    /// Adds the app of one partner and environment, named by the convention, with its quirk applied.
    mutating func addPartnerApp(partner index: Int, environment: PartnerEnvironment, quirk: ClientQuirk) {
        var draft = conventionalDraft(of: partners[index], environment: environment)
        apply(quirk, to: &draft, partner: index, environment: environment)
        append(draft, quirk: quirk, home: (index, environment))
    }

    /// Adds clean apps of generated partners (prod, staging, then dev of each) until there are `total` clients.
    ///
    /// The partners are not in `partners` (the quirks only ever involve the planted ones);
    /// `firstIndex` is the layout index of the first of them, for `homes`.
    mutating func addCleanApps(of generated: [Partner], firstIndex: Int, upTo total: Int) {
        for (offset, partner) in generated.enumerated() {
            for environment in PartnerEnvironment.allCases where clients.count < total {
                append(conventionalDraft(of: partner, environment: environment), quirk: .clean, home: (firstIndex + offset, environment))
            }
        }
    }

    /// Adds the app named off the convention that the policy does not map (ER-4).
    mutating func addUnattributableApp(network: NetworkBlock) {
        var draft = baseDraft(
            name: "legacy-sync-tool",
            description: "Nightly sync \u{2014} owner left; ask \"ops\" before touching",
            scopes: ["routing:queue:read", "users:read"],
            networks: [network],
            agent: #"LegacySync/0.9 (C:\Program Files\Legacy\sync.exe)"#
        )
        draft.client.isThirdParty = true
        record("ER-4", on: draft.client.id, subject: nil, severity: "low")
        append(draft, quirk: .er4Unattributable, home: nil)
    }

    /// A clean app of a partner and environment: named by the convention, granted the approved
    /// scopes and using them all, allowlisted for and calling from the environment's networks.
    private func conventionalDraft(of partner: Partner, environment: PartnerEnvironment) -> Draft {
        baseDraft(
            name: "Partner-Integration-\(environment.title)-\(partner.title)",
            description: "\(partner.name) \(environment.rawValue) integration",
            scopes: partner.approvedScopes,
            networks: partner.networks(environment),
            agent: "\(partner.title)Connector/\(2 + clients.count % 3).\(clients.count % 10).\(clients.count * 7 % 20)"
                + " (+https://\(partner.id).example/integrations)"
        )
    }

    /// A clean client with fields drawn from the seed; quirks then change it.
    private func baseDraft(name: String, description: String, scopes: [String], networks: [NetworkBlock], agent: String) -> Draft {
        let index = UInt64(clients.count)
        let h = SeededHash.hash(seed, 3, index)
        let created = start - Int64(300 + h % 400) * Self.day
        let modified = start - Int64(20 + (h >> 10) % 60) * Self.day
        let rotated = start - Int64(3 + (h >> 20) % 40) * Self.day - Int64((h >> 30) % UInt64(Self.day))
        var unknown: [String: String] = [:]
        if index % 3 == 0 { unknown["accessTokenValiditySeconds"] = "86400" }
        if index == 4 { unknown["partnerMetadata"] = #"{"tier":"gold","contacts":["ops@partner.example"],"sla":null}"# }
        let client = SimulatedClient(
            id: SeededHash.uuid(seed, 2, index), name: name, description: description,
            scopes: scopes, ipWhitelist: networks.map(\.cidr),
            dateCreated: Self.date(created), dateModified: Self.date(modified), secretLastRotated: Self.date(rotated),
            unknownFields: unknown
        )
        let secondAgent = ["python-requests/2.31.0", "Apache-HttpClient/4.5.14 (Java/17.0.9)", "okhttp/4.12.0"][Int(h % 3)]
        return Draft(client: client, sources: networks, usedScopes: scopes, userAgents: [agent, secondAgent])
    }

    private mutating func append(_ draft: Draft, quirk: ClientQuirk, home: (partner: Int, environment: PartnerEnvironment)?) {
        clients.append(draft.client)
        quirks.append(quirk)
        homes.append(home)
        profiles.append(TrafficProfile(
            clientId: draft.client.id, sources: draft.sources, usedScopes: draft.usedScopes,
            userAgents: draft.userAgents, grantType: draft.client.grantType, tokenScopes: draft.client.scopes,
            weight: draft.weight, throttledPerMille: draft.throttledPerMille
        ))
    }

    /// Records a planted problem the rule engine must find.
    mutating func record(_ rule: String, on clientId: String, subject: String?, severity: String, primary: Bool = true) {
        misconfigurations.append(PlantedMisconfiguration(
            ruleId: rule, clientId: clientId, subject: subject, severity: severity, primary: primary
        ))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
