/// What is (deliberately) wrong with one client: the layout's table of planted problems.
enum ClientQuirk: Sendable, Hashable {
    /// A well-configured partner app.
    case clean
    /// Clean, and mapped explicitly by client id in the policy.
    case mapped
    /// Clean, but its description, redirect URI and user agents are hostile text.
    case hostile
    case ws1RoutingWildcard, ws1BareWildcard, ws2MisspeltScope
    case lp1UnapprovedScope, lp2UnusedScope, lp3AllUsers, lp4NotMachineToMachine, lp5Dormant, lp6StaleSecret
    case al1NoAllowlist, al2BroadEntries, al3MalformedEntries, al4OutsideAddress
    case er1TwoEnvironments, er2TwoPartners, er3WrongEnvironment, er4Unattributable
    case an1DeniedBurst, an2Throttled
    case cm1Widened

    /// Whether the policy maps this client explicitly by id.
    var mappedInPolicy: Bool { self == .mapped || self == .cm1Widened }
}
