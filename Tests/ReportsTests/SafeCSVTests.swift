import Foundation
import PartnerAuditCore
import Reports
import Testing

@Suite("CSV safe to open in a spreadsheet")
struct SafeCSVTests {
    static let hyperlink = #"=HYPERLINK("http://x","y")"#

    @Test("A field that begins like a formula gets a leading quote; others are untouched",
          arguments: [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
                      ("plain", "plain"), ("a=b", "a=b"), ("", ""), ("'already", "'already"),
                      // After spaces or invisible characters some spreadsheets skip (second red-team pass).
                      (" =HYPERLINK(1)", "' =HYPERLINK(1)"), ("  @SUM(A1)", "'  @SUM(A1)"), ("\u{00A0}=1", "'\u{00A0}=1"),
                      ("\u{200B}=1", "'\u{200B}=1"), ("\u{FEFF}-1", "'\u{FEFF}-1"), ("   ", "   "), (" a=b", " a=b")])
    func neutralised(field: String, expected: String) {
        #expect(CSVText.neutralised(field) == expected)
    }

    @Test("A client named =HYPERLINK(…) is neutralised in findings.csv and exact in findings.json")
    func hyperlinkClient() throws {
        let finding = Finding(fingerprint: "f1", ruleID: "WS-1", category: .wildcardScope, severity: .critical, clientID: "c1",
                              clientName: Self.hyperlink, subject: "*", title: "Wildcard scope", detail: "d")
        let csv = FindingsFiles.csv([finding])
        #expect(csv.contains(#","'=HYPERLINK(""http://x"",""y"")","#), "\(csv)")
        #expect(!csv.contains(#","=HYPERLINK"#))
        let json = try JSONDecoder().decode([Finding].self, from: try FindingsFiles.json([finding]))
        #expect(json.first?.clientName == Self.hyperlink)
        #expect(csv.hasSuffix("\r\n") && !csv.hasSuffix("\r\n\r\n"))
    }
}
