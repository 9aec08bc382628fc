import Foundation
import PartnerAuditCore
import Reports
import Testing

@Suite("Report periods")
struct ReportPeriodTests {
    @Test("Quarters, months, days and --from/--to parse to half-open UTC windows")
    func parses() throws {
        let q3 = try ReportPeriod.parse("2026-Q3")
        #expect(q3.fromText == "2026-07-01T00:00:00.000Z")
        #expect(q3.toText == "2026-10-01T00:00:00.000Z")
        #expect(try ReportPeriod.parse("2026-Q4").toText == "2027-01-01T00:00:00.000Z")
        #expect(try ReportPeriod.parse("2028-02").toText == "2028-03-01T00:00:00.000Z")
        #expect(try ReportPeriod.parse("2026-12").toText == "2027-01-01T00:00:00.000Z")
        #expect(try ReportPeriod.parse("2028-02-29").fromText == "2028-02-29T00:00:00.000Z")
        let range = try ReportPeriod.between("2026-07-01", and: "2026-08-15")
        #expect(range.name == "2026-07-01_2026-08-15")
        #expect(range.toText == "2026-08-16T00:00:00.000Z")
        #expect(range.lastDay == "2026-08-15")
    }

    @Test("Bad periods are refused with the reason", arguments: ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-02-30", "2027-02-29", "26-Q1", "2026", "2026-+5", "2026-Q3x", ""])
    func refuses(text: String) {
        #expect(throws: ReportPeriodError.self) { try ReportPeriod.parse(text) }
    }

    @Test("--to before --from is refused")
    func backwards() {
        #expect(throws: ReportPeriodError.self) { try ReportPeriod.between("2026-09-01", and: "2026-08-31") }
    }

    @Test("The nightly pack covers the last whole UTC day before the run")
    func rollingDay() throws {
        let run = try #require(Timestamp.parse("2026-10-01T02:00:00Z"))
        let period = ReportPeriod.rollingDay(endingAt: run)
        #expect(period.name == "2026-09-30")
        #expect(period.toText == "2026-10-01T00:00:00.000Z")
    }

    @Test("Organisation names become one safe path component")
    func folderName() {
        #expect(ReportRequest.folderName("acme-contact-center") == "acme-contact-center")
        #expect(ReportRequest.folderName("../etc/passwd") == "..-etc-passwd")
        #expect(ReportRequest.folderName("..") == "organization")
        #expect(ReportRequest.folderName("Ümlaut Co") == "-mlaut-Co")
    }
}
