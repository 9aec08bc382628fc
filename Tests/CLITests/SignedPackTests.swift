import Foundation
import Testing

@Suite("Signed packs an auditor verifies with minisign, without PartnerAudit", .serialized)
struct SignedPackTests {
    static let minisign = "/usr/bin/minisign"

    @Test("keygen, a signed pack: minisign -Vm passes; one byte of manifest.json changed, or another public key, fails; verify --public-key agrees")
    func minisignVerifies() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.minisign) else {
            Issue.record("minisign is not installed at \(Self.minisign): install Debian's `minisign` package (CI's .ci/run does)")
            return
        }
        let (folder, simulator) = try await servedOrganization()
        defer { Task { await simulator.shutdown() } }
        let runner = authenticatedRunner(folder)
        #expect(try await runner.run(["keygen", "--out", folder.path("pack.key")]).status == 0)
        #expect(try await runner.run(["keygen", "--out", folder.path("other.key")]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path("pack.key"))[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let config = try String(contentsOfFile: folder.path("partner-audit.yml"), encoding: .utf8)
        try folder.write("partner-audit.yml", config + "\nsigningKey: \(folder.path("pack.key"))\n")
        #expect(try await runner.run(["extract"]).status == 0)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let report = try await runner.run(["report", "--period", today, "--out", folder.path("pack")])
        #expect(report.status == 0, "\(report.output)")

        let pack = folder.path("pack")
        func minisign(_ key: String) async throws -> CommandLineRunner.Result {
            try await CommandLineRunner(directory: URL(fileURLWithPath: pack)).run(script: Self.minisign, ["-Vm", "manifest.json", "-p", key])
        }
        let fresh = try await minisign(folder.path("pack.key.pub"))
        #expect(fresh.status == 0, "\(fresh.output)")
        #expect(fresh.output.contains("Signature and comment signature verified"))
        #expect(try await minisign(folder.path("other.key.pub")).status != 0, "another key's public key verifies the pack")
        let ours = try await runner.run(["verify", "--pack", pack, "--public-key", folder.path("pack.key.pub")])
        #expect(ours.status == 0, "\(ours.output)")
        let theirs = try await runner.run(["verify", "--pack", pack, "--public-key", folder.path("other.key.pub")])
        #expect(theirs.status == 4 && theirs.stdout.contains("manifest.json.minisig: signed by key"), "\(theirs.output)")

        let manifest = URL(fileURLWithPath: "\(pack)/manifest.json")
        var bytes = try Data(contentsOf: manifest)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: manifest)
        #expect(try await minisign(folder.path("pack.key.pub")).status != 0, "a changed manifest.json still verifies")
        let changed = try await runner.run(["verify", "--pack", pack, "--public-key", folder.path("pack.key.pub")])
        #expect(changed.status == 4, "\(changed.output)")
    }
}
