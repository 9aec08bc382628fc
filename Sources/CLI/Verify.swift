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

    @Option(name: .customLong("public-key"), help: "With --pack: a minisign public key (partner-audit keygen) manifest.json.minisig must be signed with.")
    var publicKey: String?

    @Option(help: "An anchors file (chain heads recorded by earlier runs): each must still be a head of the warehouse's chains.")
    var anchors: String?

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
            let warehouse = try Warehouse(readingOnly: configuration.warehouse)
            let result = try await warehouse.verifyChain()
            if let problem = result.firstBreak {
                Console.report("hash chain BROKEN after \(result.rows) good rows: \(problem)")
                throw ExitCode(ExitStatus.integrity.rawValue)
            }
            Console.report("hash chain verified: \(result.rows) events, head \(result.head); row ledger verified: \(result.ledgerEntries) entries over every other table")
            if result.ledgerBaselines > 0 {
                // Never so in a warehouse begun under the ledger: worth a look when no older version ever wrote this one.
                Console.report("note: \(result.ledgerBaselines) rows were first recorded when a migration installed the ledger over a warehouse from before it; their history before then rests on anchors (verify --anchors, a pack's heads)")
            }
            if let anchors { try await verifyAnchors(anchors, against: warehouse) }
        }
    }

    /// Checks every recorded head against the warehouse; exit 4 naming each line it no longer holds.
    private func verifyAnchors(_ path: String, against warehouse: Warehouse) async throws {
        let anchors = try AnchorsFile.read(path)
        var problems: [String] = []
        for (line, heads) in anchors {
            problems += try await warehouse.problems(holding: heads).map { "\(path):\(line): \($0)" }
        }
        guard problems.isEmpty else {
            Console.report("anchors do NOT match: the warehouse was rewritten after they were recorded")
            for problem in problems { Console.report("  \(problem)") }
            throw ExitCode(ExitStatus.integrity.rawValue)
        }
        Console.report("anchors verified: the warehouse still holds all \(anchors.count) recorded heads")
    }

    /// Checks a pack; exit 4 naming every file that does not match.
    private func verifyPack(_ folder: URL) async throws {
        let result = try PackVerifier.verify(folder: folder)
        for note in result.notes { Console.report("note: \(note)") }
        var problems = result.problems
        if let publicKey {
            if let problem = PackVerifier.signatureProblem(folder: folder, key: try PublicSigningKey.load(publicKey)) { problems.append(problem) }
        }
        // With --warehouse or --config, the pack's chain head is checked against the warehouse they name.
        if global.warehouse != nil || global.config != nil {
            let path = try global.loadConfiguration().warehouse
            guard FileManager.default.fileExists(atPath: path) else {
                throw WarehouseError(.notFound, path: path, message: "cannot check the pack's chain head against it")
            }
            // The heads the pack recorded are anchors like any other.
            let chain = result.manifest.chain
            let recorded = ChainHeads(at: result.manifest.generatedAt, eventRows: chain.rows, eventHead: chain.head,
                                      ledgerEntries: chain.ledgerEntries ?? 0, ledgerHead: chain.ledgerHead ?? "")
            problems += try await Warehouse(readingOnly: path).problems(holding: recorded).map { "manifest.json: \($0)" }
        }
        if !problems.isEmpty {
            Console.report("pack \(folder.path) does NOT verify:")
            for problem in problems { Console.report("  \(problem)") }
            throw ExitCode(ExitStatus.integrity.rawValue)
        }
        Console.report("pack verified: \(result.checked.count) files match manifest.json (fingerprint \(result.manifest.fingerprint), \(result.manifest.organization) \(result.manifest.period.name), chain head \(result.manifest.chain.head) at row \(result.manifest.chain.rows))")
    }
}
