/// `partner-audit.yml`: where the source is, how hard to press it, where things are kept.
///
/// Every key has a default, so the file is optional; flags override it (cli.md).
package struct Configuration: Sendable, Equatable {
    /// Names the reports.
    package var organization = "partner-audit"
    package var source = SourceSettings()
    package var warehouse = "data/warehouse.sqlite"
    package var reports = "reports"
    package var policy = "policy.yml"
    /// A folder replacing the shipped endpoint → scope map and known-scope registry.
    package var catalog: String?
    /// A file each `extract` and `run` appends the chain heads it ended on to (`verify --anchors`).
    package var anchors: String?
    /// The Ed25519 key (`partner-audit keygen`) every pack's manifest is signed with.
    package var signingKey: String?
    /// Partner gateway access logs to read (source-api.md section 6), in order.
    package var gateway: [GatewayLogSettings] = []

    package init() {}

    /// How the extractor reaches and paces the source.
    package struct SourceSettings: Sendable, Equatable {
        /// `guide` (per-client scopes, paged audit log) or `live`; `nil` lets `resolvedDialect` choose.
        package var dialect: SourceDialect?
        /// A Genesys Cloud region name such as `us-east-1`; sets both URLs.
        package var region: String?
        package var apiURL: String?
        package var loginURL: String?
        package var pageSize = 100
        /// The request budget the extractor keeps under.
        package var requestsPerMinute = 300
        /// How far before the watermark each run re-reads, for late events.
        package var overlapMinutes = 15
        /// How far behind now a window must end to count as closed.
        package var lagMinutes = 5
        /// The length of one extraction window (one transaction and checkpoint each).
        package var windowHours = 24
        /// Requests in flight at once (live: audit queries read side by side), all under the one budget.
        package var concurrency = 4
        /// Attempts per request before the run fails (429, 5xx, dropped connections).
        package var maxAttempts = 8
        /// The whole-request deadline, in seconds: connecting, the head and the whole body.
        package var requestTimeoutSeconds = 180
        /// The wait before the first poll of an API usage query, doubled after each poll up to 90 s
        /// (the vendor asks for a poll every minute or two; 0 against the simulator).
        package var usageFirstPollSeconds = 5
        /// A KEY=VALUE file with PARTNER_AUDIT_CLIENT_ID and PARTNER_AUDIT_CLIENT_SECRET, mode 0600.
        package var credentialsFile: String?

        package init() {}

        /// The dialect to speak: the one named, else `live` when a real region is named (a real
        /// organisation speaks only that), else `guide` (the simulator's default).
        package var resolvedDialect: SourceDialect {
            dialect ?? (region != nil ? .live : .guide)
        }
    }
}

extension Configuration {
    /// Reads the configuration from YAML text, refusing unknown keys and bad values with their line.
    package init(yaml text: String, file: String) throws(ConfigurationError) {
        self.init()
        let root = try YAMLMapping.document(text, file: file)
        try root.rejectUnknownKeys(["organization", "source", "warehouse", "reports", "policy", "catalog", "anchors", "signingKey", "gateway"], context: "the configuration")
        organization = try root.string("organization") ?? organization
        warehouse = try root.string("warehouse") ?? warehouse
        reports = try root.string("reports") ?? reports
        policy = try root.string("policy") ?? policy
        catalog = try root.string("catalog")
        anchors = try root.string("anchors")
        signingKey = try root.string("signingKey")
        if let source = try root.mapping("source") {
            try self.source.read(source)
        }
        gateway = try (root.mappings("gateway") ?? []).map { entry throws(ConfigurationError) in try GatewayLogSettings(entry) }
    }
}

extension Configuration.SourceSettings {
    fileprivate mutating func read(_ map: YAMLMapping) throws(ConfigurationError) {
        try map.rejectUnknownKeys([
            "dialect", "region", "apiURL", "loginURL", "pageSize", "requestsPerMinute", "overlapMinutes",
            "lagMinutes", "windowHours", "concurrency", "maxAttempts", "requestTimeoutSeconds", "usageFirstPollSeconds", "credentialsFile",
        ], context: "source")
        if let name = try map.string("dialect") {
            guard let named = SourceDialect(rawValue: name) else {
                throw ConfigurationError(file: map.file, line: map.line(of: "dialect"), message: "source.dialect must be 'guide' or 'live', not '\(name)'")
            }
            dialect = named
        }
        region = try map.string("region")
        apiURL = try map.string("apiURL")
        loginURL = try map.string("loginURL")
        credentialsFile = try map.string("credentialsFile")
        pageSize = try bounded(map, "pageSize", default: pageSize, 1...500)
        requestsPerMinute = try bounded(map, "requestsPerMinute", default: requestsPerMinute, 1...100_000)
        overlapMinutes = try bounded(map, "overlapMinutes", default: overlapMinutes, 0...1440)
        lagMinutes = try bounded(map, "lagMinutes", default: lagMinutes, 0...1440)
        windowHours = try bounded(map, "windowHours", default: windowHours, 1...744)
        concurrency = try bounded(map, "concurrency", default: concurrency, 1...16)
        maxAttempts = try bounded(map, "maxAttempts", default: maxAttempts, 1...50)
        requestTimeoutSeconds = try bounded(map, "requestTimeoutSeconds", default: requestTimeoutSeconds, 1...3600)
        usageFirstPollSeconds = try bounded(map, "usageFirstPollSeconds", default: usageFirstPollSeconds, 0...600)
    }

    private func bounded(_ map: YAMLMapping, _ key: String, default value: Int, _ range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let number = try map.int(key) else { return value }
        guard range.contains(number) else {
            throw ConfigurationError(file: map.file, line: map.line(of: key), message: "source.\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }
}
