import Warehouse

/// The rules could not read the warehouse, and its chain does not verify: a tampered row, not
/// a bug or a source's fault. Nothing was evaluated or stored; the CLI makes it exit 4.
package struct UnreadableBrokenWarehouse: Error, CustomStringConvertible {
    package var chain: ChainVerification
    package var underlying: any Error

    package var description: String { "the rules could not read the warehouse (\(underlying))" }
}
