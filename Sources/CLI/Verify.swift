import ArgumentParser
import Foundation
import PartnerAuditCore
import Reports
import Warehouse

/// `partner-audit verify`: walks the warehouse's hash chain, or checks an evidence pack against its manifest.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the warehouse's hash chain, or an evidence pack; exit 4 naming what does not match.",
        discussion: """
            Recomputes every event's hash in insertion order and compares it with the stored one and \
            with the chain heads each extraction window recorded. With --pack DIR, checks the pack instead: \
            every file manifest.json lists must be there with its size and SHA-256, and the fingerprint must \
            match; with --warehouse as well, the warehouse must still hold the chain head the pack recorded.

            Example: partner-audit verify --warehouse data/warehouse.sqlite
            Example: partner-audit verify --pack reports/acme-contact-center/2026-Q3
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "An evidence pack folder to check against its manifest.json.")
    var pack: String?

    func run() async throws {
        try await reportingFailures {
            if let pack {
                try await verifyPack(URL(fileURLWithPath: pack))
                return
            }
            let configuration = try global.loadConfiguration()
            guard FileManager.default.fileExists(atPath: configuration.warehouse) else {
                throw WarehouseError(.notFound, path: configuration.warehouse, message: "nothing to verify")
            }
            // Read-only: verify works on a copy an auditor may not write, and never changes its bytes.
            let result = try await Warehouse(readingOnly: configuration.warehouse).verifyChain()
            if let problem = result.firstBreak {
                Console.output("hash chain BROKEN after \(result.rows) good rows: \(problem)")
                throw ExitCode(ExitStatus.integrity.rawValue)
            }
            Console.output("hash chain verified: \(result.rows) events, head \(result.head); row ledger verified: \(result.ledgerEntries) entries over every other table")
        }
    }

    /// Checks a pack; exit 4 naming every file that does not match.
    private func verifyPack(_ folder: URL) async throws {
        let result = try PackVerifier.verify(folder: folder)
        for note in result.notes { Console.output("note: \(note)") }
        var problems = result.problems
        // With --warehouse or --config, the pack's chain head is checked against the warehouse they name.
        if global.warehouse != nil || global.config != nil {
            let path = try global.loadConfiguration().warehouse
            guard FileManager.default.fileExists(atPath: path) else {
                throw WarehouseError(.notFound, path: path, message: "cannot check the pack's chain head against it")
            }
            let chain = result.manifest.chain
            let stored = try await Warehouse(readingOnly: path).chainHash(atSeq: chain.rows)
            if chain.rows > 0, stored != chain.head {
                problems.append("manifest.json: the warehouse's row \(chain.rows) is \(stored ?? "missing"), not the chain head \(chain.head) the pack recorded")
            }
        }
        if !problems.isEmpty {
            Console.output("pack \(folder.path) does NOT verify:")
            for problem in problems { Console.output("  \(problem)") }
            throw ExitCode(ExitStatus.integrity.rawValue)
        }
        Console.output("pack verified: \(result.checked.count) files match manifest.json (fingerprint \(result.manifest.fingerprint), \(result.manifest.organization) \(result.manifest.period.name), chain head \(result.manifest.chain.head) at row \(result.manifest.chain.rows))")
    }
}
