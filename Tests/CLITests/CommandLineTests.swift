import Foundation
import GRDB
import Logging
import PartnerAuditCore
import Simulator
import Testing

@Suite("The partner-audit command line", .serialized)
struct CommandLineTests {
    @Test("Every command's --help has an example", arguments: ["demo", "simulate", "extract", "verify", "query"])
    func helpHasExample(command: String) async throws {
        let folder = try WorkingFolder()
        let result = try await CommandLineRunner(directory: folder.url).run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example:"))
    }

    @Test("An unknown configuration key exits 2 naming the key and the line")
    func unknownConfigurationKey() async throws {
        let folder = try WorkingFolder()
        try folder.write("partner-audit.yml", "organization: acme\nsource:\n  pageSize: 100\n  pagesize: 50\n")
        let result = try await CommandLineRunner(directory: folder.url).run(["query", "SELECT 1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("partner-audit.yml:4"))
        #expect(result.stderr.contains("pagesize"))
    }

    @Test("--version prints the tool's name and the version packs record")
    func version() async throws {
        let folder = try WorkingFolder()
        let result = try await CommandLineRunner(directory: folder.url).run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("partner-audit 0."))
    }

    @Test("A bad flag is a usage error: exit 2")
    func badFlag() async throws {
        let folder = try WorkingFolder()
        let result = try await CommandLineRunner(directory: folder.url).run(["extract", "--no-such-flag"])
        #expect(result.status == 2)
    }

    @Test("Plain http to a host that is not loopback is refused before any credentials are sent")
    func refusesClearTextToRemoteHosts() async throws {
        let folder = try WorkingFolder()
        var runner = CommandLineRunner(directory: folder.url)
        runner.environment = ["PARTNER_AUDIT_CLIENT_ID": "x", "PARTNER_AUDIT_CLIENT_SECRET": "y"]
        let result = try await runner.run(["extract", "--api-url", "http://api.example.com", "--warehouse", folder.path("w.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("plain http is allowed only to a loopback address"))
    }

    @Test("A credentials file readable by others is refused")
    func credentialsFileMode() async throws {
        let folder = try WorkingFolder()
        try folder.write("credentials", "PARTNER_AUDIT_CLIENT_ID=a\nPARTNER_AUDIT_CLIENT_SECRET=b\n", mode: 0o644)
        try folder.write("partner-audit.yml", "source:\n  apiURL: http://127.0.0.1:9\n  credentialsFile: \(folder.path("credentials"))\n")
        let result = try await CommandLineRunner(directory: folder.url).run(["extract", "--warehouse", folder.path("w.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("chmod 600"))
    }

    @Test("A credentials file someone else owns, a link to one, or one in a folder others can write is refused")
    func credentialsFileOwnerAndFolder() async throws {
        let folder = try WorkingFolder()
        let secrets = folder.path("secrets")
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try folder.write("secrets/credentials", "PARTNER_AUDIT_CLIENT_ID=a\nPARTNER_AUDIT_CLIENT_SECRET=b\n", mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: folder.path("secrets/link"), withDestinationPath: folder.path("secrets/credentials"))
        func extract(with file: String) async throws -> CommandLineRunner.Result {
            try folder.write("partner-audit.yml", "source:\n  apiURL: http://127.0.0.1:9\n  credentialsFile: \(file)\n")
            return try await CommandLineRunner(directory: folder.url).run(["extract", "--warehouse", folder.path("w.sqlite")])
        }
        let link = try await extract(with: folder.path("secrets/link"))
        #expect(link.status == 2 && link.stderr.contains("not a regular file"), "\(link.output)")

        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: secrets)
        let openFolder = try await extract(with: folder.path("secrets/credentials"))
        #expect(openFolder.status == 2 && openFolder.stderr.contains("could replace it"), "\(openFolder.output)")

        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: secrets)
        guard geteuid() == 0 else { return }  // only root can give the file away
        #expect(chown(folder.path("secrets/credentials"), 65534, 65534) == 0)
        let foreign = try await extract(with: folder.path("secrets/credentials"))
        #expect(foreign.status == 2 && foreign.stderr.contains("belongs to uid 65534"), "\(foreign.output)")
        #expect(chown(folder.path("secrets/credentials"), 0, 0) == 0)

        // A folder someone else owns, and a tidy folder inside one others can write (second red-team pass).
        #expect(chown(secrets, 65534, 65534) == 0)
        let foreignFolder = try await extract(with: folder.path("secrets/credentials"))
        #expect(foreignFolder.status == 2 && foreignFolder.stderr.contains("which belongs to uid 65534"), "\(foreignFolder.output)")
        #expect(chown(secrets, 0, 0) == 0)
        let inner = folder.path("secrets/inner")
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try folder.write("secrets/inner/credentials", "PARTNER_AUDIT_CLIENT_ID=a\nPARTNER_AUDIT_CLIENT_SECRET=b\n", mode: 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: secrets)
        let openParent = try await extract(with: inner + "/credentials")
        #expect(openParent.status == 2 && openParent.stderr.contains("under \(secrets), which group or others can write"), "\(openParent.output)")

        // The same file through a linked folder outside the open one (fourth red-team pass: the
        // folders were checked as the path was written, so the link hid the open folder).
        try FileManager.default.createSymbolicLink(atPath: folder.path("tidy"), withDestinationPath: inner)
        let throughLink = try await extract(with: folder.path("tidy/credentials"))
        #expect(throughLink.status == 2 && throughLink.stderr.contains("under \(secrets), which group or others can write"), "\(throughLink.output)")
    }
}
