import ArgumentParser
import Foundation
import PartnerAuditCore
import Reports

/// `partner-audit`: proves how partner API access to a Genesys Cloud organisation is governed.
package struct PartnerAudit: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "partner-audit",
        abstract: "Audit partner OAuth clients and the audit log of a Genesys Cloud organisation.",
        discussion: """
            Exit codes: 0 done; 1 findings at or above --fail-on; 2 usage or configuration error; \
            3 the source failed (what was stored stays stored); 4 integrity failure; 5 another run holds the lock.

            Example: partner-audit demo
            """,
        version: "\(ToolInfo.name) \(ToolInfo.version)",
        subcommands: [Demo.self, Simulate.self, Extract.self, Evaluate.self, Findings.self, Report.self, Run.self, Verify.self, Query.self, Keygen.self, Doctor.self]
    )

    package init() {}

    /// Parses the command line, runs the command, and exits with the documented codes (cli.md):
    /// a usage error is 2, not ArgumentParser's 64.
    package static func runAndExit(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            self.exit(withError: error)
        }
    }
}
