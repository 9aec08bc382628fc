import Foundation
import Logging
import PartnerAuditCore
import Rules
import Warehouse

/// Builds evidence packs: gathers a period's facts from the warehouse and writes report.html,
/// report.xml, findings.csv, findings.json, events.csv.gz, assessment-results.json and manifest.json.
///
/// ```swift
/// let templates = try await TemplateSet.locate()
/// let builder = EvidencePackBuilder(warehouse: warehouse, policy: policy, policyDigest: digest, templates: templates, logger: logger)
/// let pack = try await builder.build(ReportRequest(organization: "acme", period: try .parse("2026-Q3"),
///                                                  outputFolder: folder, generatedAt: Date()))
/// ```
/// report.xml is validated against evidence.xsd before it is put in place: an invalid document
/// fails the build and nothing of the new pack replaces the old one.
package struct EvidencePackBuilder: Sendable {
    package let warehouse: Warehouse
    package let policy: Policy
    /// SHA-256 of the policy file, or `defaults` (the CLI's `LoadedPolicy.digest`).
    package let policyDigest: String
    package let templates: TemplateSet
    let logger: Logger

    /// How many findings of one rule and severity report.html shows in full; the rest are
    /// counted there and listed in findings.csv and findings.json.
    package var findingsShownPerGroup = 25
    /// Signs every pack's manifest (manifest.json.minisig) when set.
    package var signingKey: SigningKey?

    package init(warehouse: Warehouse, policy: Policy, policyDigest: String, templates: TemplateSet, logger: Logger) {
        self.warehouse = warehouse
        self.policy = policy
        self.policyDigest = policyDigest
        self.templates = templates
        self.logger = logger
    }

    /// Gathers the period's facts and writes the pack; returns what was written.
    package func build(_ request: ReportRequest) async throws -> EvidencePack {
        let started = ContinuousClock.now
        let content = try await gather(request)
        logger.info("pack \(request.period.name): \(content.findings.count) findings, \(content.coverage.eventsInPeriod) events, \(content.coverage.gaps.count) gaps (\(started.duration(to: .now)) to gather)")
        let pack = try await PackWriter(content: content, templates: templates, warehouse: warehouse, logger: logger, findingsShownPerGroup: findingsShownPerGroup,
                                        signingKey: signingKey).write()
        logger.info("pack written to \(pack.folder.path) in \(started.duration(to: .now)): manifest \(pack.manifestSHA256.prefix(16))…")
        return pack
    }

    /// Reads everything the pack shows, in deterministic order.
    func gather(_ request: ReportRequest) async throws -> PackContent {
        // A value its column does not allow would trap the readers: stop before reading anything.
        if let misplaced = try await warehouse.misplacedValue() {
            let chain = try await warehouse.verdict(holding: misplaced)
            throw ReportError(.tamperedWarehouse, "the warehouse does not verify after \(chain.rows) good rows (\(chain.firstBreak ?? misplaced.problem)): "
                              + "no pack can show what it held")
        }
        let period = request.period.window
        // Walking the chain reads every row: it runs beside the period's queries (the pool reads concurrently).
        async let chain = warehouse.verifyChain()
        let generatedAt = Timestamp.milliseconds(request.generatedAt)
        let asOf = min(period.toMillis, generatedAt)
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ what: String) {
            logger.debug("gathered \(what) in \(mark.duration(to: clock.now))")
            mark = clock.now
        }
        let byMonth = period.duration > .days(400)
        let activity = Self.everyBucket(try await warehouse.activity(in: period, byMonth: byMonth), period: period, byMonth: byMonth)
        let eventsInPeriod = activity.reduce(0) { $0 + $1.events }
        lap("the daily activity")
        let evaluations = try await warehouse.evaluations(covering: period)
        let inventory = try await Inventory.load(from: warehouse, policy: policy, period: period, moment: asOf)
        lap("the inventory")
        let changes = try await clientChanges(in: period, inventory: inventory)
        let verified = try await chain
        lap("the changes and the chain")
        let coverage = try await EvidenceCoverage.load(from: warehouse, period: period, generatedAt: generatedAt, eventsInPeriod: eventsInPeriod, chain: verified)
        let findings = try await periodFindings(period: period, coverage: coverage, asOf: asOf)
        lap("the coverage and \(findings.count) findings")
        let matrices = request.frameworks.map {
            ControlMatrix(framework: $0, findings: findings, evaluated: !evaluations.isEmpty, eventsInPeriod: eventsInPeriod)
        }
        let method = MethodFacts(rules: RuleCatalog.all, policyDigest: policyDigest, policySource: policy.source, lookbackDays: policy.lookbackDays,
                                 evaluations: evaluations, reproduceCommand: request.reproduceCommand)
        return PackContent(request: request, asOf: asOf, findings: findings, summary: FindingSummary(findings), activity: activity,
                           activityByMonth: byMonth, controlMatrices: matrices, inventory: inventory, changes: changes,
                           coverage: coverage, method: method)
    }

    /// The activity with a zero bucket for every day (or month) of the period that had no events.
    static func everyBucket(_ buckets: [ActivityBucket], period: TimeWindow, byMonth: Bool) -> [ActivityBucket] {
        let known = Dictionary(buckets.map { ($0.bucket, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [ActivityBucket] = []
        var day = period.fromMillis
        var seen = Set<String>()
        while day < period.toMillis {
            let key = (byMonth ? TimeBucket.month : .day).label(of: day)
            if seen.insert(key).inserted { out.append(known[key] ?? ActivityBucket(bucket: key, events: 0, denials: 0)) }
            day = day + .day
        }
        return out
    }

    /// The period's client changes with the client's name and each field's old and new value.
    private func clientChanges(in period: TimeWindow, inventory: Inventory) async throws -> [ClientChange] {
        var names: [String: String] = [:]
        for client in inventory.clients { names[client.snapshot.id] = client.snapshot.name }
        return try await warehouse.clientChangeEvents(in: period).map { event in
            var fields: [ClientChange.Field] = []
            if case .object(let members)? = event.changes {
                for name in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    let change = members[name]
                    fields.append(.init(name: name, old: Self.display(change?["old"]), new: Self.display(change?["new"])))
                }
            }
            return ClientChange(event: event, clientName: names[event.clientID] ?? "", fields: fields)
        }
    }

    /// A changed value as plain text: strings as they are, lists joined, anything else as JSON.
    static func display(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "(none)"
        case .string(let text)?: return text
        case .array(let elements)? where elements.allSatisfy({ $0.stringValue != nil }):
            return elements.isEmpty ? "(empty)" : elements.compactMap(\.stringValue).joined(separator: ", ")
        case let other?: return other.canonicalText
        }
    }
}
