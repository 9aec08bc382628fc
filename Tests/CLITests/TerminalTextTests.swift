import Foundation
import Testing
import Warehouse

@Suite("Tables on a terminal show control characters escaped")
struct TerminalTextTests {
    @Test("query's table prints an escape sequence, a bidi override and a line break as visible codes, never raw")
    func queryTable() async throws {
        let folder = try WorkingFolder()
        _ = try Warehouse(path: folder.path("warehouse.sqlite"))
        let runner = CommandLineRunner(directory: folder.url)
        let sql = "SELECT char(27) || '[2Jgone' AS ansi, 'abc' || char(8238) || 'fed' AS bidi, 'one' || char(10) || 'two' AS lines, char(155) AS c1"
        let table = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), sql])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains(#"\x1b[2Jgone"#))
        #expect(table.stdout.contains(#"abc\u{202e}fed"#))
        #expect(table.stdout.contains("one␤two"))
        #expect(table.stdout.contains(#"\u{009b}"#))
        let raw = table.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(raw.isEmpty, "raw control characters reached the terminal: \(raw.map { String($0.value, radix: 16) })")

        // JSON and CSV are data for programs: the text is kept exactly (JSON escapes it, CSV quotes it).
        let json = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--format", "json", "SELECT char(27) AS ansi"])
        #expect(json.stdout.contains(#""\u001b""#) || json.stdout.contains(#""\u001B""#), "\(json.stdout)")
        // CSV ends after its last record's CRLF: no blank line after it.
        let csv = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--format", "csv", "SELECT '=1+1' AS formula"])
        #expect(Array(csv.stdout.utf8) == Array("formula\r\n'=1+1\r\n".utf8), "\(csv.stdout.debugDescription)")
    }
}
