import PartnerAuditCore

/// A period that cannot be parsed: names the text and what was expected. Exit 2.
package struct ReportPeriodError: Error, Sendable, CustomStringConvertible, ExitCodeProviding {
    package var text: String
    package var reason: String
    package var description: String { "'\(text)' is not a report period: \(reason)" }
    package var exitStatus: ExitStatus { .usage }
}
