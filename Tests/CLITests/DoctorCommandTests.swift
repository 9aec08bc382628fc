import Foundation
import PartnerAuditCore
import Testing

/// `doctor` against the live simulator (issue 12, item 5): the token, each read, and the tool's own grant.
@Suite("doctor: the auditor's own grant", .serialized)
struct DoctorCommandTests {
    @Test("Every read answers: exit 0, a line per read, and the tool's own client holds nothing it does not need")
    func everyReadAnswers() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 100, dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let result = try await authenticatedRunner(folder).run(["doctor"])
        #expect(result.status == 0, "\(result.output)")
        for read in ["OAuth clients", "roles", "IP allowlist", "audit log", "API usage", "scope registry", "permission catalog"] {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("  \(read) ") }
            #expect(line?.contains(" ok ") == true, "\(read): \(line ?? "no line")")
        }
        #expect(result.stdout.contains("own grant: demo-extractor"))
        #expect(result.stdout.contains("ok: nothing beyond what the tool reads with"))
        #expect(!result.stdout.contains("WARNING"))
        #expect(result.stdout.contains("directory:organization:admin is needed to read the IP allowlist"))
        #expect(!result.output.contains("demo-secret"))
    }

    @Test("A forbidden optional read names the rules it leaves not testable and still exits 0; extract then goes on")
    func forbiddenUsage() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 300, faults: "forbid=/api/v2/usage", dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let doctor = try await authenticatedRunner(folder).run(["doctor"])
        #expect(doctor.status == 0, "\(doctor.output)")
        let usage = doctor.stdout.split(separator: "\n").first { $0.hasPrefix("  API usage ") }
        #expect(usage?.contains("FORBIDDEN") == true)
        #expect(usage?.contains("LP-2, AN-1 and AN-2 are not testable") == true)
        #expect(doctor.stdout.contains("1 optional read not"))

        // The organisation's three days, not the first run's 90 (each live window is an audit query).
        let since = Timestamp.format(Date().addingTimeInterval(-4 * 86_400))
        let extract = try await authenticatedRunner(folder).run(["extract", "--since", since])
        #expect(extract.status == 0, "\(extract.output)")
        #expect(extract.stdout.contains("api-usage: not read (the API Usage service refused the client (403)"))
        let sources = try await authenticatedRunner(folder).run(["query", "SELECT source, status FROM extraction_sources ORDER BY source", "--format", "csv"])
        #expect(sources.stdout.contains("api-usage,unavailable"), "\(sources.stdout)")
        #expect(sources.stdout.contains("audit-log,succeeded"))

        let evaluate = try await authenticatedRunner(folder).run(["evaluate"])
        #expect(evaluate.status == 0, "\(evaluate.output)")
        let notTestable = try await authenticatedRunner(folder).run(["findings", "--format", "json"])
        let findings = try JSONSerialization.jsonObject(with: Data(notTestable.stdout.utf8)) as? [[String: Any]] ?? []
        for rule in ["LP-2", "AN-1", "AN-2"] {
            let finding = findings.first { $0["ruleId"] as? String == rule && ($0["title"] as? String ?? "").hasPrefix("Not testable") }
            #expect(finding != nil, "\(rule) is said not testable")
        }
    }

    @Test("A forbidden required read exits 3 and says extract would fail")
    func forbiddenAuditLog() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 100, faults: "forbid=/api/v2/audits", dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let result = try await authenticatedRunner(folder).run(["doctor"])
        #expect(result.status == 3, "\(result.output)")
        let audit = result.stdout.split(separator: "\n").first { $0.hasPrefix("  audit log ") }
        #expect(audit?.contains("FORBIDDEN") == true)
        #expect(result.stdout.contains("extract will fail (exit 3)"))
    }

    @Test("An over-granted client is warned of every permission it does not need, the writing ones counted")
    func overgrantedClient() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 100, faults: "overgrant", dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let result = try await authenticatedRunner(folder).run(["doctor"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("WARNING: 2 permissions the tool does not need, 2 of them writing: authorization:role:edit, oauth:client:edit"),
                "\(result.stdout)")
    }

    @Test("Refused credentials exit 3 without the secret")
    func refusedCredentials() async throws {
        let (folder, simulator) = try await servedOrganization(scale: 100, dialect: .live)
        defer { Task { await simulator.shutdown() } }
        let result = try await authenticatedRunner(folder, secret: "wrong-secret-7Qx").run(["doctor"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("refused the client credentials"))
        #expect(!result.output.contains("wrong-secret-7Qx"))
    }
}
