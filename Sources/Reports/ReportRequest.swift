import Foundation
import PartnerAuditCore
import Rules

/// What one evidence pack should hold and where it goes.
///
/// ```swift
/// let request = ReportRequest(
///     organization: "acme-contact-center", period: try ReportPeriod.parse("2026-Q3"),
///     outputFolder: URL(fileURLWithPath: "reports/acme-contact-center/2026-Q3"), generatedAt: Date())
/// ```
package struct ReportRequest: Sendable {
    /// Names the pack (the configuration's `organization`).
    package var organization: String
    package var period: ReportPeriod
    /// The frameworks whose control matrix the pack shows; both by default.
    package var frameworks: [Control.Framework]
    /// Which reports to render; findings.csv, findings.json, events.csv.gz, assessment-results.json and manifest.json are always written.
    package var formats: Set<ReportFormat>
    /// The pack's folder: `{reports}/{organization}/{period}` unless `--out` says otherwise.
    package var outputFolder: URL
    /// Every event of the period in events.csv.gz, not only the ones the findings cite.
    package var withEvents: Bool
    /// The moment the pack is made; recorded in report.xml and the manifest, and the end of
    /// the evidence for a period still in progress.
    package var generatedAt: Date
    /// The command line the manifest records (secrets never reach one; values of secret-looking flags are redacted anyway).
    package var commandLine: [String]
    /// The configuration and warehouse flags of the command that reproduces the pack, e.g. `["--config", "partner-audit.yml"]`.
    package var sourceArguments: [String]

    package init(
        organization: String, period: ReportPeriod, frameworks: [Control.Framework] = Control.Framework.allCases,
        formats: Set<ReportFormat> = Set(ReportFormat.allCases), outputFolder: URL, withEvents: Bool = false,
        generatedAt: Date, commandLine: [String] = [], sourceArguments: [String] = []
    ) {
        self.organization = organization
        self.period = period
        self.frameworks = frameworks
        self.formats = formats
        self.outputFolder = outputFolder
        self.withEvents = withEvents
        self.generatedAt = generatedAt
        self.commandLine = commandLine
        self.sourceArguments = sourceArguments
    }

    /// The default folder of a pack: `{reports}/{organization}/{period}`, the organisation made safe for a path.
    package static func defaultFolder(reports: String, organization: String, period: ReportPeriod) -> URL {
        URL(fileURLWithPath: reports).appendingPathComponent(folderName(organization)).appendingPathComponent(period.name)
    }

    /// The organisation as one path component: letters, digits, `.`, `_` and `-`; anything else becomes `-`.
    package static func folderName(_ organization: String) -> String {
        let safe = String(organization.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "-"
        })
        return safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "organization" : safe
    }

    /// The one command that makes this pack again from the same warehouse.
    package var reproduceCommand: String {
        var words = ["partner-audit", "report", "--period", period.name]
        if period.name.contains("_") {
            words = ["partner-audit", "report", "--from", period.firstDay, "--to", period.lastDay]
        }
        words += ["--framework", frameworks.map(\.rawValue).joined(separator: ",")]
        words += ["--format", ReportFormat.allCases.filter(formats.contains).map(\.rawValue).joined(separator: ",")]
        if withEvents { words.append("--with-events") }
        words += sourceArguments
        return words.map(ShellWord.quote).joined(separator: " ")
    }

    /// The command line with the value of any secret-looking flag replaced by `<redacted>`.
    package var redactedCommandLine: [String] {
        var out: [String] = []
        var redactNext = false
        for word in commandLine {
            if redactNext { out.append("<redacted>"); redactNext = false; continue }
            let lower = word.lowercased()
            let secretLooking = ["secret", "password", "token", "credential"].contains { lower.contains($0) } && lower.hasPrefix("-")
            if secretLooking, let equals = word.firstIndex(of: "=") {
                out.append(String(word[...equals]) + "<redacted>")
            } else {
                out.append(word)
                redactNext = secretLooking && !lower.hasSuffix("file")
            }
        }
        return out
    }
}
