/// A report file the pack can render.
package enum ReportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// `report.html`: one self-contained page for people.
    case html
    /// `report.xml`: the same content as data, valid against `evidence.xsd`.
    case xml
    /// `report.pdf`: report.html printed by headless Chromium (the page is written too).
    case pdf
}
