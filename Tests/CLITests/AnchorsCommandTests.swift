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

        try folder.write("bad.txt", "not an anchor\n")
        let bad = try await runner.run(["verify", "--anchors", folder.path("bad.txt")])
        #expect(bad.status == 2 && bad.stderr.contains("bad.txt:1"), "\(bad.output)")
    }
}
