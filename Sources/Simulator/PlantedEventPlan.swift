import PartnerAuditCore

/// Plans the planted events: what every client must show at every scale, and the timed scenarios.
///
/// The generated stream gives volume; these give certainty. Each client exercises each of
/// its scopes from each of its source networks, gets a token, and has its secret rotation
/// on record; the AL-4, AN-1, AN-2 and CM-1 scenarios and the late events are timed here.
struct PlantedEventPlan {
    static let day = OrganizationLayout.day
    static let hour = TimeSpan.hour.milliseconds
    static let minute: Int64 = 60_000

    let layout: OrganizationLayout
    let rangeStart: Int64
    let start: Int64
    /// Whether the `late` fault is on: the last hour's late events then arrive 5–15 minutes late.
    let late: Bool
    private(set) var drafts: [EventDraft] = []

    init(layout: OrganizationLayout, rangeStart: Int64, late: Bool) {
        self.layout = layout
        self.rangeStart = rangeStart
        self.start = layout.start
        self.late = late
    }

    /// Every planted event inside `[rangeStart, start)`, sorted by `(timestamp, id)`, with ids `evp-…` in that order.
    static func events(layout: OrganizationLayout, rangeStart: Int64, late: Bool) -> [PlantedEvent] {
        var plan = PlantedEventPlan(layout: layout, rangeStart: rangeStart, late: late)
        plan.planMustHaves()
        plan.planRotationsAndChanges()
        plan.planOutsideAddress()
        plan.planDeniedBurst()
        plan.planThrottling()
        plan.planLateArrivals()
        let kept = plan.drafts.enumerated()
            .filter { $0.element.timestamp >= rangeStart && $0.element.timestamp < layout.start }
            .sorted { $0.element.timestamp != $1.element.timestamp ? $0.element.timestamp < $1.element.timestamp : $0.offset < $1.offset }
        return kept.enumerated().map { rank, entry in
            entry.element.planted(id: "evp-" + String(rank).leftPadded(to: 8))
        }
    }

    /// Adds a draft.
    mutating func add(_ draft: EventDraft) { drafts.append(draft) }

    /// The `k`-th of `n` moments spread over `[from, to)`, with seeded jitter inside each share.
    func spread(_ k: Int, of n: Int, from: Int64, to: Int64, salt: UInt64) -> Int64 {
        let width = max(to - from, 1)
        let share = max(width / Int64(max(n, 1)), 1)
        let jitter = Int64(SeededHash.hash(layout.seed, salt, UInt64(k)) % UInt64(share))
        return from + Int64(k) * width / Int64(max(n, 1)) + jitter
    }

    // MARK: - Drafts of the common kinds

    /// An `api.request` of a client, with `details.scope` always present.
    func apiRequest(_ profile: TrafficProfile, _ call: TrafficProfile.Call, at moment: Int64, from address: String,
                    status: Int? = nil, agent: Int = 0, delay: Int64 = 0) -> EventDraft {
        let endpoint = call.endpoint
        let resourceID = endpoint.idKind.map { SeededHash.uuid(layout.seed, $0.rawValue, UInt64(moment) % 64) }
        let code = status ?? endpoint.successStatus
        return EventDraft(
            timestamp: moment, delay: delay, actorType: .oauthClient, actorId: profile.clientId,
            action: .apiRequest, resource: endpoint.resource, resourceId: resourceID,
            outcome: code < 400 ? .success : .failure,
            details: .object([
                "method": .string(endpoint.method), "path": .string(endpoint.path(id: resourceID)),
                "status": .int(code), "sourceIp": .string(address),
                "userAgent": .string(profile.userAgents[agent % profile.userAgents.count]),
                "scope": .string(call.scope),
            ])
        )
    }

    /// An `oauth.token.issued` to a client.
    func tokenIssued(_ profile: TrafficProfile, at moment: Int64, from address: String) -> EventDraft {
        EventDraft(
            timestamp: moment, actorType: .oauthClient, actorId: profile.clientId,
            action: .tokenIssued, resource: "oauth/token", outcome: .success,
            details: .object([
                "sourceIp": .string(address), "grantType": .string(profile.grantType),
                "scopes": .strings(profile.tokenScopes),
            ])
        )
    }
}
