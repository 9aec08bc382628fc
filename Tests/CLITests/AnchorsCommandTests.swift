import Foundation
import Testing

@Suite("Chain heads printed, appended to the anchors file, and verified against it", .serialized)
struct AnchorsCommandTests {
    @Test("extract and run print their chain heads and append them; verify --anchors passes, then fails on a head the warehouse does not hold")
    func anchorsRoundTrip() async throws {
        let (folder, simulator) = try await servedOrganization()
        defer { Task { await simulator.shutdown() } }
        let config = try String(contentsOfFile: folder.path("partner-audit.yml"), encoding: .utf8)
        try folder.write("partner-audit.yml", config + "\nanchors: \(folder.path("anchors.txt"))\n")
        let runner = authenticatedRunner(folder)

        let extract = try await runner.run(["extract"])
        #expect(extract.status == 0, "\(extract.output)")
        #expect(extract.stdout.contains("chain heads: events "))
        let run = try await runner.run(["run"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("chain heads: events "), "the run's one summary line carries the heads")
        let lines = try String(contentsOfFile: folder.path("anchors.txt"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)

        let verified = try await runner.run(["verify", "--anchors", folder.path("anchors.txt")])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.stdout.contains("anchors verified: the warehouse still holds all 2 recorded heads"))

        // A head the warehouse does not hold (as after a rewrite, chains recomputed): exit 4 naming the line.
        let forged = lines[0].replacingOccurrences(of: #" events (\d+) [0-9a-f]{4}"#, with: " events $1 0000", options: .regularExpression)
        try folder.write("forged.txt", lines.joined(separator: "\n") + "\n" + forged + "\n")
        let failed = try await runner.run(["verify", "--anchors", folder.path("forged.txt")])
        #expect(failed.status == 4, "\(failed.output)")
        #expect(failed.stdout.contains("forged.txt:3: event_log row"))

        // The same file with Windows line ends verifies alike.
        try folder.write("crlf.txt", lines.joined(separator: "\r\n") + "\r\n")
        let crlf = try await runner.run(["verify", "--anchors", folder.path("crlf.txt")])
        #expect(crlf.status == 0 && crlf.stdout.contains("all 2 recorded heads"), "\(crlf.output)")

        // Lines that could check nothing are not anchors: a negative count, a count without its
        // head, a head with a count of 0, a head that is not one.
        let head = String(repeating: "ab", count: 32)
        for (number, line) in [
            "2026-12-07T00:00:00.000Z events -1 - ledger 0 -", "2026-12-07T00:00:00.000Z events 5 - ledger 0 -",
            "2026-12-07T00:00:00.000Z events 0 \(head) ledger 0 -", "2026-12-07T00:00:00.000Z events 3 xyz ledger 0 -",
            "not an anchor",
        ].enumerated() {
            try folder.write("bad.txt", "# a comment\n" + line + "\n")
            let bad = try await runner.run(["verify", "--anchors", folder.path("bad.txt")])
            #expect(bad.status == 2 && bad.stderr.contains("bad.txt:2"), "line \(number): \(bad.output)")
        }
    }
}
