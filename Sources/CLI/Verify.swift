import ArgumentParser
import Foundation
import PartnerAuditCore
import Warehouse

/// `partner-audit verify`: walks the warehouse's hash chain.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the warehouse's hash chain; exit 4 naming the first broken row.",
        discussion: """
            Recomputes every event's hash in insertion order and compares it with the stored one and \
            with the chain heads each extraction window recorded.

            Example: partner-audit verify --warehouse data/warehouse.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            guard FileManager.default.fileExists(atPath: configuration.warehouse) else {
                throw WarehouseError(.notFound, path: configuration.warehouse, message: "nothing to verify")
            }
            let result = try await Warehouse(path: configuration.warehouse).verifyChain()
            if let problem = result.firstBreak {
                Console.output("hash chain BROKEN after \(result.rows) good rows: \(problem)")
                throw ExitCode(ExitStatus.integrity.rawValue)
            }
            Console.output("hash chain verified: \(result.rows) events, head \(result.head)")
        }
    }
}
