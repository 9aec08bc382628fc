import PartnerAuditCore

/// A period that cannot be parsed: names the text and what was expected. Exit 2.
package struct ReportPeriodError: Error, Sendable, CustomStringConvertible {
    package var text: String
    package var reason: String

    package init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    package var description: String { "'\(text)' is not a report period: \(reason)" }
}
