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
        // A column's name is text too (a view's, or the statement's own): an escape sequence in it is shown as a code as well.
        let sql = "SELECT char(27) || '[2Jgone' AS \"ansi\u{1b}[31m\", 'abc' || char(8238) || 'fed' AS bidi, 'one' || char(10) || 'two' AS lines, char(155) AS c1"
        let table = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), sql])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains(#"\x1b[2Jgone"#))
        #expect(table.stdout.contains(#"abc\u{202e}fed"#))
        #expect(table.stdout.contains("one␤two"))
        #expect(table.stdout.contains(#"\u{009b}"#))
        #expect(table.stdout.contains(#"ansi\x1b[31m"#), "\(table.stdout)")
        let raw = table.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(raw.isEmpty, "raw control characters reached the terminal: \(raw.map { String($0.value, radix: 16) })")

        // JSON and CSV are data for programs: the text is kept exactly (JSON escapes it, CSV quotes it).
        let json = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--format", "json", "SELECT char(27) AS ansi"])
        #expect(json.stdout.contains(#""\u001b""#) || json.stdout.contains(#""\u001B""#), "\(json.stdout)")
        // CSV ends after its last record's CRLF: no blank line after it.
        let csv = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--format", "csv", "SELECT '=1+1' AS formula"])
        #expect(Array(csv.stdout.utf8) == Array("formula\r\n'=1+1\r\n".utf8), "\(csv.stdout.debugDescription)")
    }

    @Test("Errors on stderr and verify's report on stdout show what a source or a pack wrote escaped: escape sequences, bidi marks, line separators")
    func errorsAndReports() async throws {
        let folder = try WorkingFolder()
        _ = try Warehouse(path: folder.path("warehouse.sqlite"))
        let runner = CommandLineRunner(directory: folder.url)
        // SQLite's error quotes the statement: an escape sequence in it must not reach the terminal raw.
        let failed = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "SELECT * FROM \u{1b}]0;owned\u{07}\u{200e}x"])
        #expect(failed.status != 0)
        #expect(!failed.stderr.unicodeScalars.contains { [0x1B, 0x07, 0x200E].contains($0.value) }, "\(failed.stderr.debugDescription)")

        // A hostile pack: its manifest names a file with an escape sequence and a line separator.
        let pack = folder.url.appendingPathComponent("pack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        let manifest = #"{"chain":{"head":"","intact":true,"rows":0},"commandLine":["x"],"files":[{"bytes":1,"name":"\u001b[2Jgone\u2028.txt","sha256":"00"}],"fingerprint":"f","formatVersion":2,"frameworks":["soc2"],"generatedAt":"2026-01-01T00:00:00Z","organization":"o","period":{"from":"2026-01-01","name":"2026-Q1","to":"2026-04-01"},"tool":{"name":"partner-audit","version":"1"}}"#
        try Data(manifest.utf8).write(to: pack.appendingPathComponent("manifest.json"))
        let verify = try await runner.run(["verify", "--pack", pack.path])
        #expect(verify.status == 4, "\(verify.output)")
        #expect(verify.stdout.contains(#"\x1b[2Jgone\u{2028}.txt"#), "\(verify.stdout.debugDescription)")
        #expect(!verify.output.unicodeScalars.contains { [0x1B, 0x2028].contains($0.value) })
    }
}
