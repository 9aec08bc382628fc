import PartnerAuditCore

/// The generated part of the audit log: event `i` is a pure function of the seed and `i`.
///
/// Nothing is stored per event; a page renders its events straight into the response buffer.
struct GeneratedEvents: Sendable {
    /// Browser user agents of the organisation's own users, hostile and non-ASCII ones included.
    static let browserAgents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        #"Mozilla"><svg onload=alert(1)>"#,
        "Genesys Desktop/2.9 \u{201C}Z\u{FC}rich\u{201D} \u{65E5}\u{672C}\u{8A9E}\tbuild\\42",
    ]

    let seed: UInt64
    let timeline: EventTimeline
    let cycle: ActorCycle
    let profiles: [TrafficProfile]
    let users: [String]
    let officeNetwork: NetworkBlock
    /// Per 100 000 of a client's generated events that are token denials (kept under the AN-1 threshold).
    let deniedPer100k: UInt64
    /// Concrete ids for `{id}` in paths, 64 per kind, indexed by `IDKind.index`.
    let resourceIDs: [[String]]

    init(layout: OrganizationLayout, rangeStart: Int64, span: Int64, count: Int) {
        seed = layout.seed
        timeline = EventTimeline(seed: layout.seed, rangeStart: rangeStart, span: span, count: count)
        profiles = layout.profiles
        users = layout.users
        officeNetwork = layout.officeNetwork
        cycle = Self.actorCycle(layout)
        // Keep each client under ~4 denials an hour whatever the scale and span.
        let clientShare = Double(layout.profiles.first?.weight ?? 36) / Double(cycle.length)
        let hours = TimeSpan(milliseconds: span).count(of: .hour)
        let perHour = max(Double(count) * clientShare / max(hours, 1), 1)
        deniedPer100k = UInt64(min(1000, 4 * 100_000 / perHour))
        resourceIDs = Endpoint.IDKind.allCases.map { kind in
            (0..<64).map { SeededHash.uuid(layout.seed, kind.rawValue, UInt64($0)) }
        }
    }

    var count: Int { timeline.count }

    /// The id of event `index`: `evt-` and twelve digits, so ids sort like indices.
    static func id(_ index: Int) -> String {
        var digits = [UInt8](repeating: 48, count: 16)
        digits[0] = 101; digits[1] = 118; digits[2] = 116; digits[3] = 45  // "evt-"
        var value = index
        for position in stride(from: 15, through: 4, by: -1) {
            digits[position] = UInt8(48 + value % 10)
            value /= 10
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Writes event `index` as a guide-dialect audit event.
    func write(_ index: Int, to writer: inout JSONWriter) {
        let actor = cycle.actor(at: index)
        writer.raw("{")
        writer.key("id"); writer.raw("\"evt-"); writer.digits(index, width: 12); writer.raw("\"")
        writer.raw(","); writer.key("actorType"); writer.plainString(actor.type.text)
        writer.raw(","); writer.key("actorId"); writer.plainString(actor.id)
        writer.raw(","); writer.key("timestamp"); writer.timestamp(timeline.timestamp(index))
        let h1 = SeededHash.hash(seed, 20, UInt64(index))
        let h2 = SeededHash.hash(seed, 21, UInt64(index))
        switch actor.kind {
        case .client(let profile): writeClientEvent(profiles[profile], h1, h2, to: &writer)
        case .user(let user): writeUserEvent(users[user], h1, h2, to: &writer)
        case .system(let job): writeSystemEvent(job, h1, h2, to: &writer)
        }
        writer.raw("}")
    }
}
