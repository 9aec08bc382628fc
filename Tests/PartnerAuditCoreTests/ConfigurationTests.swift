import Testing
@testable import PartnerAuditCore

@Suite("Configuration file")
struct ConfigurationTests {
    @Test("Every key of cli.md's example is read")
    func readsExample() throws {
        let configuration = try Configuration(yaml: """
            organization: acme-contact-center
            source:
              region: us-east-1
              apiURL: https://api.mypurecloud.com
              loginURL: https://login.mypurecloud.com
              pageSize: 100
              requestsPerMinute: 300
              overlapMinutes: 15
              credentialsFile: /etc/partner-audit/credentials
            warehouse: data/warehouse.sqlite
            reports: reports
            policy: policy.yml
            """, file: "partner-audit.yml")
        #expect(configuration.organization == "acme-contact-center")
        #expect(configuration.source.requestsPerMinute == 300)
        #expect(configuration.source.credentialsFile == "/etc/partner-audit/credentials")
    }

    @Test("An unknown key is an error naming the key and its line")
    func unknownKey() {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration(yaml: "organization: x\nsource:\n  pageSize: 10\n  requestsPerMinit: 300\n", file: "partner-audit.yml")
        }
        #expect(error?.line == 4)
        #expect(error?.description.contains("partner-audit.yml:4") == true)
        #expect(error?.description.contains("requestsPerMinit") == true)
    }

    @Test("A value of the wrong kind names its line")
    func badValue() {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration(yaml: "source:\n  pageSize: lots\n", file: "c.yml")
        }
        #expect(error?.line == 2)
    }

    @Test("An empty file means every default")
    func emptyFile() throws {
        #expect(try Configuration(yaml: "", file: "c.yml") == Configuration())
    }

    @Test("The dialect is the one named, else live for a real region, else guide")
    func dialect() throws {
        #expect(try Configuration(yaml: "", file: "c.yml").source.resolvedDialect == .guide)
        #expect(try Configuration(yaml: "source:\n  region: eu-west-1\n", file: "c.yml").source.resolvedDialect == .live)
        #expect(try Configuration(yaml: "source:\n  region: eu-west-1\n  dialect: guide\n", file: "c.yml").source.resolvedDialect == .guide)
        #expect(try Configuration(yaml: "source:\n  apiURL: http://127.0.0.1:8080\n  dialect: live\n", file: "c.yml").source.resolvedDialect == .live)
        let error = #expect(throws: ConfigurationError.self) { try Configuration(yaml: "source:\n  dialect: legacy\n", file: "c.yml") }
        #expect(error?.line == 2)
        #expect(error?.description.contains("'legacy'") == true)
    }

    @Test("The request deadline defaults to three minutes and is bounded to an hour")
    func requestTimeout() throws {
        #expect(try Configuration(yaml: "", file: "c.yml").source.requestTimeoutSeconds == 180)
        #expect(try Configuration(yaml: "source:\n  requestTimeoutSeconds: 30\n", file: "c.yml").source.requestTimeoutSeconds == 30)
        let error = #expect(throws: ConfigurationError.self) { try Configuration(yaml: "source:\n  requestTimeoutSeconds: 0\n", file: "c.yml") }
        #expect(error?.description.contains("source.requestTimeoutSeconds must be between 1 and 3600") == true)
    }

    @Test("source.concurrency defaults to 4 and is bounded to 1…16")
    func concurrency() throws {
        #expect(try Configuration(yaml: "", file: "c.yml").source.concurrency == 4)
        #expect(try Configuration(yaml: "source:\n  concurrency: 1\n", file: "c.yml").source.concurrency == 1)
        let error = #expect(throws: ConfigurationError.self) { try Configuration(yaml: "source:\n  concurrency: 0\n", file: "c.yml") }
        #expect(error?.line == 2)
        #expect(error?.description.contains("source.concurrency must be between 1 and 16") == true)
    }
}
