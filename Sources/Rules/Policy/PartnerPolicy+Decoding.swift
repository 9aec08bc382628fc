import PartnerAuditCore

// MARK: - Reading one entry of `partners`

extension PartnerPolicy {
    /// Reads the `number`th partner (1-based), refusing unknown keys, bad CIDRs, empty environments and repeated clients.
    init(_ map: YAMLMapping, number: Int) throws(ConfigurationError) {
        try map.rejectUnknownKeys(["id", "name", "approvedScopes", "clients", "networks"], context: "partner \(number)")
        let id = try map.requiredString("id", in: "partner \(number)")
        let context = "partner '\(id)'"
        self.init(id: id, name: try map.string("name"), line: map.line)
        approvedScopes = (try map.strings("approvedScopes") ?? []).map(\.value)
        for (index, client) in (try map.mappings("clients") ?? []).enumerated() {
            let mapping = try PartnerClient(client, context: "client \(index + 1) of \(context)")
            if let earlier = clients.first(where: { $0.clientID == mapping.clientID }) {
                let first = earlier.line.map { " (first on line \($0))" } ?? ""
                throw map.error("client '\(mapping.clientID)' is listed twice for \(context)\(first)", line: mapping.line)
            }
            clients.append(mapping)
        }
        if let networks = try map.mapping("networks") {
            try readNetworks(networks, context: context)
        }
    }

    private mutating func readNetworks(_ map: YAMLMapping, context: String) throws(ConfigurationError) {
        for (environment, line) in map.keys {
            guard !environment.allSatisfy(\.isWhitespace) else {
                throw map.error("\(context) has a network environment with an empty name", line: line)
            }
            var blocks: [CIDRBlock] = []
            for (text, entryLine) in try map.strings(environment) ?? [] {
                do {
                    blocks.append(try CIDRBlock.parse(text))
                } catch {
                    throw map.error("\(context), networks.\(environment): bad CIDR '\(text)': \(error.reason)", line: entryLine ?? line)
                }
            }
            networks[environment] = blocks
        }
    }
}

extension PartnerClient {
    /// Reads one entry of a partner's `clients`: a client id and a non-empty environment.
    fileprivate init(_ map: YAMLMapping, context: String) throws(ConfigurationError) {
        try map.rejectUnknownKeys(["clientId", "environment"], context: context)
        let clientID = try map.requiredString("clientId", in: context)
        guard let environment = try map.string("environment") else {
            throw map.error("\(context) has no 'environment'")
        }
        guard !environment.allSatisfy(\.isWhitespace) else {
            throw map.error("\(context): the environment name is empty", line: map.line(of: "environment"))
        }
        self.init(clientID: clientID, environment: environment, line: map.line)
    }
}
