import ArgumentParser
import Foundation
import PartnerAuditCore
import Reports
import Rules

/// `partner-audit report`: renders the evidence pack for a period.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the evidence pack for a period.",
        discussion: """
            Writes report.html, report.xml (validated against evidence.xsd first), findings.csv, findings.json, \
            events.csv.gz, assessment-results.json (OSCAL) and manifest.json into {reports}/{organization}/{period}/ \
            or --out. A period holds the stored findings whose lifecycle overlaps it, plus AT-1 for every part of it \
            that was never extracted and AT-2 if the hash chain does not verify. The same warehouse and command \
            give the same report.xml, findings.json and findings.csv apart from the generated-at stamp; \
            `partner-audit verify --pack DIR` checks a pack against its manifest. Templates: --templates, else \
            $PARTNER_AUDIT_TEMPLATES, else ./templates, else the copy installed with the binary.

            Example: partner-audit report --period 2026-Q3 --framework soc2,hipaa --format html,xml
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "A quarter (2026-Q3), a month (2026-09) or a day (2026-09-30).")
    var period: String?

    @Option(help: "The first day of the period (YYYY-MM-DD), with --to.")
    var from: String?

    @Option(help: "The last day of the period, included (YYYY-MM-DD), with --from.")
    var to: String?

    @Option(help: "soc2, hipaa, or both: soc2,hipaa.")
    var framework = "soc2,hipaa"

    @Option(help: "html, xml and pdf (report.html printed by headless Chromium), comma-separated. findings.csv, findings.json, events.csv.gz, assessment-results.json and manifest.json are always written.")
    var format = "html,xml"

    @Option(help: "The pack's folder (default: {reports}/{organization}/{period} from the configuration).")
    var out: String?

    @Flag(name: .customLong("with-events"), help: "Put every event of the period in events.csv.gz, not only the cited ones.")
    var withEvents = false

    @Option(help: "A templates folder holding report.html.mustache, its partials and evidence.xsd.")
    var templates: String?

    func validate() throws {
        _ = try requestedPeriod()
        _ = try frameworks()
        _ = try formats()
    }

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            let period = try requestedPeriod()
            let job = ReportJob(configuration: configuration, verbose: global.verbose)
            var request = job.request(
                period: period, folder: out.map { URL(fileURLWithPath: $0) },
                commandLine: ["partner-audit"] + CommandLine.arguments.dropFirst())
            request.frameworks = try frameworks()
            request.formats = try formats()
            request.withEvents = withEvents
            if let config = global.config { request.sourceArguments += ["--config", config] }
            if let warehouse = global.warehouse { request.sourceArguments += ["--warehouse", warehouse] }
            let pack = try await job.run(request, templates: templates)
            Console.output(Self.summary(pack, period: period))
            try IntegrityFailure.check(pack.chain, "The pack was written and shows the break (coverage section, AT-2).")
        }
    }

    /// What `report` prints: the folder, every file with its hash, and how to verify it.
    static func summary(_ pack: EvidencePack, period: ReportPeriod) -> String {
        var lines = ["evidence pack \(period.name): \(pack.findingCount) findings, \(pack.eventCount) events in events.csv.gz",
                     "  folder:   \(pack.folder.path)"]
        let width = pack.files.map(\.name.count).reduce("manifest.json".count, max)
        for file in pack.files {
            lines.append("  \(file.name.padding(toLength: width, withPad: " ", startingAt: 0)) \(file.sha256)  \(file.bytes) bytes")
        }
        lines.append("  \("manifest.json".padding(toLength: width, withPad: " ", startingAt: 0)) \(pack.manifestSHA256)  (fingerprint \(pack.fingerprint))")
        lines.append("  verify:   partner-audit verify --pack \(pack.folder.path)")
        return lines.joined(separator: "\n")
    }

    private func requestedPeriod(now: Date = Date()) throws -> ReportPeriod {
        let requested: ReportPeriod
        do {
            switch (period, from, to) {
            case (let period?, nil, nil): requested = try ReportPeriod.parse(period)
            case (nil, let from?, let to?): requested = try ReportPeriod.between(from, and: to)
            case (nil, nil, nil): throw ValidationError("give --period (2026-Q3, 2026-09, 2026-09-30) or --from and --to")
            default: throw ValidationError("give either --period, or both --from and --to")
            }
        } catch let error as ReportPeriodError {
            throw ValidationError("\(error)")
        }
        // A period that has not begun has no evidence; its pack would reach back over every year to 1970.
        guard requested.window.fromMillis <= Timestamp.milliseconds(now) else {
            throw ValidationError("the period \(requested.name) has not begun (it starts \(requested.fromText)): there is no evidence for it yet")
        }
        return requested
    }

    private func frameworks() throws -> [Control.Framework] {
        try Self.list(framework, option: "--framework")
    }

    private func formats() throws -> Set<ReportFormat> {
        Set(try Self.list(format, option: "--format") as [ReportFormat])
    }

    /// A comma-separated list of known values, in the order given, without repeats.
    private static func list<T: RawRepresentable & CaseIterable>(_ text: String, option: String) throws -> [T] where T.RawValue == String {
        var out: [T] = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !word.isEmpty {
            guard let value = T(rawValue: word) else {
                throw ValidationError("\(option): unknown value '\(word)' (expected \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !out.contains(where: { $0.rawValue == value.rawValue }) { out.append(value) }
        }
        guard !out.isEmpty else { throw ValidationError("\(option) is empty") }
        return out
    }
}
