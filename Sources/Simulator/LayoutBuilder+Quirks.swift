extension LayoutBuilder {
    /// Hostile text planted on one clean-looking app; the JSON must carry it unchanged.
    static let hostileDescription = "<script>alert('pwned')</script>"
    static let hostileRedirectURI = #"javascript:alert(1)//"><img src=x onerror=alert(1)>"#
    static let hostileAgents = [#"Mozilla"><svg onload=alert(1)>"#, "Globex \u{201C}Sync\u{201D} Agent \u{2014} na\u{EF}ve caf\u{E9} \u{2615} \u{1D518}"]

    /// Changes a clean draft into the misconfiguration `quirk` stands for, and records what was planted.
    mutating func apply(_ quirk: ClientQuirk, to draft: inout Draft, partner index: Int, environment: PartnerEnvironment) {
        let partner = partners[index]
        let id = draft.client.id
        switch quirk {
        case .clean, .mapped:
            if quirk == .mapped { planDescriptionEdit(on: &draft) }
            if index == partners.count - 1, environment == .dev { planScopeRemoval(on: &draft) }
        case .hostile:
            draft.client.description = Self.hostileDescription
            draft.client.redirectUris = [Self.hostileRedirectURI]
            draft.userAgents += Self.hostileAgents
        case .ws1RoutingWildcard:
            draft.client.scopes = ["routing:*"] + partner.approvedScopes.filter { !$0.hasPrefix("routing:") }
            draft.usedScopes = draft.client.scopes
            record("WS-1", on: id, subject: "routing:*", severity: "high")
        case .ws1BareWildcard:
            draft.client.scopes = ["*"]
            draft.usedScopes = ["*"]
            record("WS-1", on: id, subject: "*", severity: "critical")
        case .ws2MisspeltScope:
            draft.client.scopes.append("routing:queue:raed")
            record("WS-2", on: id, subject: "routing:queue:raed", severity: "medium")
            record("LP-1", on: id, subject: "routing:queue:raed", severity: "high", primary: false)
            record("LP-2", on: id, subject: "routing:queue:raed", severity: "low", primary: false)
        case .lp1UnapprovedScope:
            draft.client.scopes.append("users:write")
            draft.usedScopes = draft.client.scopes
            record("LP-1", on: id, subject: "users:write", severity: "high")
        case .lp2UnusedScope:
            let unused = draft.client.scopes.last ?? ""
            draft.usedScopes = draft.client.scopes.filter { $0 != unused }
            record("LP-2", on: id, subject: unused, severity: "low")
        case .lp3AllUsers:
            draft.client.allowAccessToAllUsers = true
            record("LP-3", on: id, subject: nil, severity: "high")
        case .lp4NotMachineToMachine:
            draft.client.type = "private"
            draft.client.grantType = "authorization_code"
            draft.client.redirectUris = ["https://\(partner.id).example/oauth/callback"]
            record("LP-4", on: id, subject: nil, severity: "medium")
        case .lp5Dormant:
            draft.weight = 0
            draft.client.secretLastRotated = Self.date(start - 70 * Self.day)
            record("LP-5", on: id, subject: nil, severity: "medium")
        case .lp6StaleSecret:
            draft.client.dateCreated = Self.date(start - 400 * Self.day)
            draft.client.secretLastRotated = Self.date(start - 200 * Self.day)
            record("LP-6", on: id, subject: nil, severity: "medium")
        case .al1NoAllowlist:
            draft.client.ipWhitelist = nil
            record("AL-1", on: id, subject: nil, severity: "high")
        case .al2BroadEntries:
            let base = draft.sources[0].base & 0xFFFF_0000
            let broad = NetworkBlock(base: base, prefix: 16).cidr
            draft.client.ipWhitelist? += [broad, "0.0.0.0/0"]
            record("AL-2", on: id, subject: broad, severity: "high")
            record("AL-2", on: id, subject: "0.0.0.0/0", severity: "critical")
        case .al3MalformedEntries:
            draft.client.ipWhitelist? += ["10.0.0.300/24", "10.20.0.0/16"]
            record("AL-3", on: id, subject: "10.0.0.300/24", severity: "medium")
            record("AL-3", on: id, subject: "10.20.0.0/16", severity: "medium")
            record("AL-2", on: id, subject: "10.20.0.0/16", severity: "high", primary: false)
        case .al4OutsideAddress, .an1DeniedBurst, .er4Unattributable:
            break  // planted through events: see plantAddressMisconfigurations
        case .an2Throttled:
            draft.throttledPerMille = 350
            record("AN-2", on: id, subject: nil, severity: "low")
        case .er1TwoEnvironments:
            draft.sources = partner.networks(.prod) + partner.networks(.staging)
            draft.client.ipWhitelist = draft.sources.map(\.cidr)
            record("ER-1", on: id, subject: nil, severity: "high")
        case .er2TwoPartners:
            let other = partners[(index + 1) % partners.count]
            draft.sources = partner.networks(environment) + other.networks(environment)
            draft.client.ipWhitelist = draft.sources.map(\.cidr)
            record("ER-2", on: id, subject: nil, severity: "critical")
        case .er3WrongEnvironment:
            draft.sources = partner.networks(.staging)
            draft.client.ipWhitelist = draft.sources.map(\.cidr)
            record("ER-3", on: id, subject: nil, severity: "high")
        case .cm1Widened:
            planWidening(of: &draft)
        }
    }

    /// Records the AL-4 and AN-1 problems, which live in events from foreign addresses.
    mutating func plantAddressMisconfigurations(outside: String, burst: String) {
        if let index = quirks.firstIndex(of: .al4OutsideAddress) {
            record("AL-4", on: clients[index].id, subject: outside, severity: "critical")
        }
        if let index = quirks.firstIndex(of: .an1DeniedBurst) {
            record("AN-1", on: clients[index].id, subject: nil, severity: "medium")
            record("AL-4", on: clients[index].id, subject: burst, severity: "medium", primary: false)
        }
    }
}
