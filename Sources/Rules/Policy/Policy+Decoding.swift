import Foundation
import PartnerAuditCore

// MARK: - Reading policy.yml

extension Policy {
    /// The top-level keys of the policy file.
    static let topLevelKeys: Set<String> = [
        "lookbackDays", "dormantDays", "secretMaxAgeDays", "allowlist", "anomaly", "changeWindows", "partners", "waivers",
    ]

    /// Reads the policy file if it exists: `nil` when there is no file at `path`.
    ///
    /// A file that exists but cannot be read, or that is malformed, is an error naming the path.
    package static func load(path: String, knownRuleIDs: Set<String>) throws(ConfigurationError) -> Policy? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: nil, message: "is not UTF-8 text")
        }
        return try Policy(yaml: text, file: path, knownRuleIDs: knownRuleIDs)
    }

    /// Reads a policy from YAML text, refusing anything it does not understand with the file, line and reason.
    ///
    /// Refused: unknown keys at any level, bad CIDRs, waivers of unknown rules or without
    /// `expires` or `justification`, bad dates, weekdays and times, day counts below 1,
    /// prefixes out of range, partners without an id or declared twice, a client mapped
    /// twice, empty environment names. `knownRuleIDs` is the catalog's ids.
    package init(yaml text: String, file: String, knownRuleIDs: Set<String>) throws(ConfigurationError) {
        self.init()
        source = file
        let root = try YAMLMapping.document(text, file: file)
        try root.rejectUnknownKeys(Self.topLevelKeys, context: "the policy")
        let days = 1...36_500
        lookbackDays = try root.int("lookbackDays", in: days, default: lookbackDays, context: "")
        dormantDays = try root.int("dormantDays", in: days, default: dormantDays, context: "")
        secretMaxAgeDays = try root.int("secretMaxAgeDays", in: days, default: secretMaxAgeDays, context: "")
        if let map = try root.mapping("allowlist") {
            try allowlist.read(map)
        }
        if let map = try root.mapping("anomaly") {
            try anomaly.read(map)
        }
        for (index, map) in (try root.mappings("changeWindows") ?? []).enumerated() {
            changeWindows.append(try ChangeWindow(map, number: index + 1))
        }
        for (index, map) in (try root.mappings("partners") ?? []).enumerated() {
            let partner = try PartnerPolicy(map, number: index + 1)
            try checkUnique(partner, declaredIn: map)
            partners.append(partner)
        }
        for (index, map) in (try root.mappings("waivers") ?? []).enumerated() {
            waivers.append(try Waiver(map, number: index + 1, knownRuleIDs: knownRuleIDs))
        }
    }

    /// Refuses a partner whose id, or one of whose clients, an earlier partner already has.
    private func checkUnique(_ partner: PartnerPolicy, declaredIn map: YAMLMapping) throws(ConfigurationError) {
        if let earlier = self.partner(id: partner.id) {
            let first = earlier.line.map { " (first on line \($0))" } ?? ""
            throw map.error("partner id '\(partner.id)' is declared twice\(first)", line: map.line(of: "id"))
        }
        for client in partner.clients {
            for earlier in partners {
                guard let other = earlier.clients.first(where: { $0.clientID == client.clientID }) else { continue }
                let first = other.line.map { " on line \($0)" } ?? ""
                throw map.error(
                    "client '\(client.clientID)' is mapped to partner '\(partner.id)' and already to '\(earlier.id)'\(first)",
                    line: client.line
                )
            }
        }
    }
}

extension AllowlistPolicy {
    fileprivate mutating func read(_ map: YAMLMapping) throws(ConfigurationError) {
        try map.rejectUnknownKeys(["maxIPv4Prefix", "maxIPv6Prefix", "allowPrivate"], context: "allowlist")
        maxIPv4Prefix = try map.int("maxIPv4Prefix", in: 0...32, default: maxIPv4Prefix, context: "allowlist.")
        maxIPv6Prefix = try map.int("maxIPv6Prefix", in: 0...128, default: maxIPv6Prefix, context: "allowlist.")
        allowPrivate = try map.bool("allowPrivate") ?? allowPrivate
    }
}

extension AnomalyPolicy {
    fileprivate mutating func read(_ map: YAMLMapping) throws(ConfigurationError) {
        try map.rejectUnknownKeys(["deniedPerHour", "rateLimitedPerDay"], context: "anomaly")
        deniedPerHour = try map.int("deniedPerHour", in: 1...1_000_000, default: deniedPerHour, context: "anomaly.")
        rateLimitedPerDay = try map.int("rateLimitedPerDay", in: 1...1_000_000, default: rateLimitedPerDay, context: "anomaly.")
    }
}
